// The tables of both backends; the migrations in migrations/{postgres,sqlite} keep them alike.

diesel::table! {
    kecamatan (code) {
        code -> Text,
        name -> Text,
    }
}

diesel::table! {
    desa (id) {
        id -> Text,
        code -> Text,
        name -> Text,
        slug -> Text,
        kecamatan_code -> Text,
        active -> Bool,
        created_at -> Timestamp,
    }
}

diesel::table! {
    users (id) {
        id -> Text,
        username -> Text,
        password_hash -> Text,
        role -> Text,
        desa_id -> Nullable<Text>,
        active -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    sessions (jti) {
        jti -> Text,
        user_id -> Text,
        issued_at -> Timestamp,
        expires_at -> Timestamp,
        revoked_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    login_attempts (subject) {
        subject -> Text,
        failures -> Integer,
        last_failure_at -> Timestamp,
        locked_until -> Nullable<Timestamp>,
    }
}

diesel::table! {
    regency_audit (id) {
        id -> Text,
        at -> Timestamp,
        actor_id -> Nullable<Text>,
        actor_username -> Text,
        action -> Text,
        target -> Text,
        detail -> Text,
    }
}

diesel::table! {
    desa_profile (desa_id) {
        desa_id -> Text,
        address -> Nullable<Text>,
        phone -> Nullable<Text>,
        email -> Nullable<Text>,
        kepala_desa -> Nullable<Text>,
        description -> Nullable<Text>,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    audit_log (desa_id, id) {
        desa_id -> Text,
        id -> Text,
        at -> Timestamp,
        actor_id -> Nullable<Text>,
        actor_username -> Text,
        action -> Text,
        target -> Text,
        detail -> Text,
    }
}

diesel::joinable!(sessions -> users (user_id));
diesel::joinable!(desa -> kecamatan (kecamatan_code));
diesel::allow_tables_to_appear_in_same_query!(
    kecamatan,
    desa,
    users,
    sessions,
    login_attempts,
    regency_audit,
    desa_profile,
    audit_log,
);
