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
        resident_id -> Nullable<Text>,
        regency_hold -> Bool,
        seller_id -> Nullable<Text>,
        position -> Nullable<Text>,
        full_name -> Nullable<Text>,
        title -> Nullable<Text>,
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
        history -> Nullable<Text>,
        vision -> Nullable<Text>,
        mission -> Nullable<Text>,
        area_ha -> Nullable<Double>,
        border_north -> Nullable<Text>,
        border_east -> Nullable<Text>,
        border_south -> Nullable<Text>,
        border_west -> Nullable<Text>,
        office_hours -> Nullable<Text>,
        latitude -> Nullable<Double>,
        longitude -> Nullable<Double>,
        photo -> Nullable<Text>,
        photo_width -> Nullable<Integer>,
        photo_height -> Nullable<Integer>,
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
        ktp_status -> Nullable<Integer>,
        chronic_illness -> Nullable<Integer>,
        kb_method -> Nullable<Integer>,
        health_insurance -> Nullable<Integer>,
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

diesel::table! {
    /// A move between two desa of the regency: one row in each desa (keluar / masuk).
    transfers (desa_id, id) {
        desa_id -> Text,
        id -> Text,
        direction -> Text,
        other_desa_id -> Text,
        resident_id -> Nullable<Text>,
        nik -> Text,
        name -> Text,
        sex -> Integer,
        birth_date -> Date,
        move_date -> Date,
        reported_on -> Date,
        destination -> Text,
        reason -> Text,
        status -> Text,
        requested_by -> Text,
        requested_at -> Timestamp,
        decided_by -> Nullable<Text>,
        decided_at -> Nullable<Timestamp>,
        refusal -> Nullable<Text>,
    }
}

diesel::table! {
    /// Residents counted per desa, dimension, code and sex, kept by triggers in the writing
    /// transaction (see the migration `resident_figures`).
    resident_figures (desa_id, dimension, code, sex) {
        desa_id -> Text,
        dimension -> Text,
        code -> Integer,
        sex -> Integer,
        n -> BigInt,
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

diesel::table! {
    mail_outbox (id) {
        id -> Text,
        recipient -> Text,
        subject -> Text,
        body -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    letter_codes (code) {
        code -> Text,
        desa_id -> Text,
        letter_id -> Text,
    }
}

diesel::table! {
    letter_settings (desa_id) {
        desa_id -> Text,
        number_format -> Text,
        single_sequence -> Bool,
        paper -> Text,
        updated_at -> Timestamp,
        paraf -> Bool,
    }
}

diesel::table! {
    letter_type_settings (desa_id, type_code) {
        desa_id -> Text,
        type_code -> Text,
        enabled -> Bool,
        template -> Nullable<Text>,
        updated_at -> Timestamp,
        updated_by -> Text,
    }
}

diesel::table! {
    letter_requests (desa_id, id) {
        desa_id -> Text,
        id -> Text,
        type_code -> Text,
        subject_id -> Text,
        requested_by -> Nullable<Text>,
        created_by -> Text,
        purpose -> Text,
        fields -> Text,
        status -> Text,
        reason -> Nullable<Text>,
        number -> Nullable<Text>,
        sequence_scope -> Nullable<Text>,
        sequence_year -> Nullable<Integer>,
        sequence_no -> Nullable<Integer>,
        signed_at -> Nullable<Timestamp>,
        signed_by -> Nullable<Text>,
        signer_name -> Nullable<Text>,
        signer_title -> Nullable<Text>,
        pdf_sha256 -> Nullable<Text>,
        verify_code -> Nullable<Text>,
        signed_payload -> Nullable<Text>,
        signature -> Nullable<Text>,
        revoked_at -> Nullable<Timestamp>,
        revoked_reason -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    letter_transitions (desa_id, id) {
        desa_id -> Text,
        id -> Text,
        request_id -> Text,
        from_status -> Nullable<Text>,
        to_status -> Text,
        actor_id -> Text,
        actor_role -> Text,
        reason -> Nullable<Text>,
        at -> Timestamp,
        actor_name -> Nullable<Text>,
        actor_position -> Nullable<Text>,
    }
}

diesel::table! {
    letter_sequences (desa_id, scope, year) {
        desa_id -> Text,
        scope -> Text,
        year -> Integer,
        last_no -> Integer,
    }
}

diesel::table! {
    letter_documents (desa_id, id) {
        desa_id -> Text,
        id -> Text,
        request_id -> Text,
        kind -> Text,
        content_type -> Text,
        size -> Integer,
        sha256 -> Text,
        uploaded_by -> Text,
        uploaded_at -> Timestamp,
    }
}

diesel::table! {
    data_flags (desa_id, id) {
        desa_id -> Text,
        id -> Text,
        resident_id -> Text,
        field -> Text,
        note -> Text,
        created_at -> Timestamp,
        resolved_at -> Nullable<Timestamp>,
        resolved_by -> Nullable<Text>,
    }
}

diesel::table! {
    sellers (desa_id, id) {
        desa_id -> Text,
        id -> Text,
        name -> Text,
        owner_name -> Nullable<Text>,
        resident_id -> Nullable<Text>,
        whatsapp -> Text,
        address -> Nullable<Text>,
        description -> Nullable<Text>,
        photo_id -> Nullable<Text>,
        nib -> Nullable<Text>,
        pirt -> Nullable<Text>,
        halal -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    products (desa_id, id) {
        desa_id -> Text,
        id -> Text,
        seller_id -> Text,
        name -> Text,
        category -> Text,
        price_min -> BigInt,
        price_max -> Nullable<BigInt>,
        unit -> Text,
        description -> Text,
        available -> Bool,
        featured -> Bool,
        published -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    product_photos (desa_id, id) {
        desa_id -> Text,
        id -> Text,
        product_id -> Text,
        position -> Integer,
        width -> Integer,
        height -> Integer,
        created_at -> Timestamp,
    }
}

diesel::table! {
    product_words (desa_id, product_id, word) {
        desa_id -> Text,
        product_id -> Text,
        word -> Text,
        loose -> Text,
        weight -> SmallInt,
        category -> Text,
        price_min -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    emall_counts (desa_id, category) {
        desa_id -> Text,
        category -> Text,
        n -> BigInt,
    }
}

diesel::table! {
    letter_register (desa_id, id) {
        desa_id -> Text,
        id -> Text,
        direction -> Text,
        sequence_scope -> Text,
        sequence_year -> Integer,
        sequence_no -> Integer,
        number -> Text,
        counterpart -> Text,
        dated -> Date,
        received_on -> Nullable<Date>,
        classification -> Nullable<Text>,
        subject -> Text,
        disposition -> Nullable<Text>,
        scan_id -> Nullable<Text>,
        scan_type -> Nullable<Text>,
        scan_size -> Nullable<Integer>,
        created_by -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    quality_checks (desa_id) {
        desa_id -> Text,
        findings -> Integer,
        checked_at -> Timestamp,
    }
}

diesel::table! {
    area_figures (desa_id, area_id, dimension, code, sex) {
        desa_id -> Text,
        area_id -> Text,
        dimension -> Text,
        code -> Integer,
        sex -> Integer,
        n -> BigInt,
    }
}

diesel::table! {
    family_sizes (desa_id, family_id) {
        desa_id -> Text,
        family_id -> Text,
        n -> BigInt,
    }
}

diesel::table! {
    articles (desa_id, id) {
        desa_id -> Text,
        id -> Text,
        slug -> Text,
        category -> Text,
        title -> Text,
        summary -> Text,
        body -> Text,
        body_html -> Text,
        published -> Bool,
        publish_at -> Nullable<Timestamp>,
        author -> Text,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        cover -> Nullable<Text>,
        cover_width -> Nullable<Integer>,
        cover_height -> Nullable<Integer>,
    }
}

diesel::table! {
    site_pages (desa_id, id) {
        desa_id -> Text,
        id -> Text,
        slug -> Text,
        title -> Text,
        body -> Text,
        body_html -> Text,
        position -> Integer,
        published -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    projects (desa_id, id) {
        desa_id -> Text,
        id -> Text,
        name -> Text,
        location -> Text,
        latitude -> Nullable<Double>,
        longitude -> Nullable<Double>,
        funding -> Text,
        budget -> BigInt,
        implementer -> Text,
        year -> Integer,
        start_on -> Date,
        end_on -> Date,
        progress -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    project_reports (desa_id, id) {
        desa_id -> Text,
        id -> Text,
        project_id -> Text,
        reported_on -> Date,
        progress -> Integer,
        note -> Text,
        photo_width -> Nullable<Integer>,
        photo_height -> Nullable<Integer>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    officials (desa_id, id) {
        desa_id -> Text,
        id -> Text,
        body -> Text,
        name -> Text,
        title -> Text,
        position -> Integer,
        term_start -> Nullable<Date>,
        term_end -> Nullable<Date>,
        photo_width -> Nullable<Integer>,
        photo_height -> Nullable<Integer>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    potensi (desa_id, commodity, year) {
        desa_id -> Text,
        commodity -> Text,
        year -> Integer,
        area_ha -> Nullable<Double>,
        production -> Double,
        unit -> Text,
        harvest_months -> Integer,
        producers -> Integer,
        updated_at -> Timestamp,
    }
}

diesel::allow_tables_to_appear_in_same_query!(
    articles,
    potensi,
    site_pages,
    officials,
    projects,
    project_reports,
    emall_counts,
    sellers,
    products,
    product_photos,
    product_words,
    mail_outbox,
    letter_codes,
    letter_settings,
    letter_type_settings,
    letter_requests,
    letter_transitions,
    letter_sequences,
    letter_documents,
    letter_register,
    quality_checks,
    area_figures,
    family_sizes,
    data_flags,
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
    transfers,
    resident_figures,
);

diesel::allow_columns_to_appear_in_same_group_by_clause!(population_events::kind, residents::sex);
