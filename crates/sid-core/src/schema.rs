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

diesel::table! {
    code_list (list, code) {
        list -> Text,
        code -> Integer,
        name -> Text,
    }
}

diesel::table! {
    nik_registry (nik) {
        nik -> Text,
        desa_id -> Text,
        resident_id -> Text,
    }
}

diesel::table! {
    areas (desa_id, id) {
        desa_id -> Text,
        id -> Text,
        dusun -> Text,
        rw -> Text,
        rt -> Text,
    }
}

diesel::table! {
    families (desa_id, id) {
        desa_id -> Text,
        id -> Text,
        no_kk -> Text,
        head_id -> Nullable<Text>,
        address -> Text,
        area_id -> Nullable<Text>,
        active -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    residents (desa_id, id) {
        desa_id -> Text,
        id -> Text,
        nik -> Text,
        name -> Text,
        name_search -> Text,
        sex -> Integer,
        birth_place -> Text,
        birth_date -> Date,
        religion -> Integer,
        education -> Integer,
        occupation -> Integer,
        marital_status -> Integer,
        shdk -> Integer,
        citizenship -> Integer,
        blood_type -> Integer,
        disability -> Nullable<Integer>,
        father_name -> Nullable<Text>,
        mother_name -> Nullable<Text>,
        father_nik -> Nullable<Text>,
        mother_nik -> Nullable<Text>,
        father_id -> Nullable<Text>,
        mother_id -> Nullable<Text>,
        family_id -> Nullable<Text>,
        area_id -> Nullable<Text>,
        address -> Nullable<Text>,
        phone -> Nullable<Text>,
        email -> Nullable<Text>,
        birth_cert_no -> Nullable<Text>,
        status -> Integer,
        status_changed_on -> Nullable<Date>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    population_events (desa_id, id) {
        desa_id -> Text,
        id -> Text,
        resident_id -> Text,
        kind -> Text,
        event_date -> Date,
        reported_on -> Date,
        detail -> Text,
        recorded_by -> Text,
        created_at -> Timestamp,
    }
}

diesel::joinable!(nik_registry -> desa (desa_id));

diesel::table! {
    resident_words (desa_id, word, resident_id) {
        desa_id -> Text,
        word -> Text,
        resident_id -> Text,
        name_search -> Text,
    }
}

diesel::allow_tables_to_appear_in_same_query!(
    kecamatan,
    desa,
    users,
    sessions,
    login_attempts,
    regency_audit,
    desa_profile,
    audit_log,
    code_list,
    nik_registry,
    areas,
    families,
    residents,
    population_events,
    resident_words,
);

diesel::allow_columns_to_appear_in_same_group_by_clause!(population_events::kind, residents::sex);
