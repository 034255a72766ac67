//! What a first start creates: the regency administrator and, in demo mode, a desa to try.

use rand::distributions::Alphanumeric;
use rand::Rng;
use sid_core::auth::users::{self, NewUser, Username};
use sid_core::auth::{Password, Role};
use sid_core::AppState;
use sid_tenancy::identity::create_user;

use crate::StartError;

/// The desa filled with demonstration data.
pub const DEMO_DESA: &str = "kramatwatu";
pub const DEMO_PASSWORD: &str = "demo-kramatwatu";
/// About three hundred residents.
const DEMO_FAMILIES: usize = 90;

pub fn generate_password() -> String {
    rand::thread_rng()
        .sample_iter(&Alphanumeric)
        .take(16)
        .map(char::from)
        .collect()
}

/// Creates the account; returns the password when it was generated (to be shown once).
pub async fn create_account(
    state: &AppState,
    username: &str,
    role: Role,
    desa: Option<&str>,
    password: Option<String>,
) -> Result<(sid_core::auth::User, Option<String>), StartError> {
    let generated = password.is_none().then(generate_password);
    let password = password.or_else(|| generated.clone()).unwrap_or_default();
    let tenant = desa
        .map(|key| {
            state
                .directory
                .find(key)
                .map(|d| d.tenant)
                .ok_or_else(|| StartError::Config(format!("desa '{key}' tidak dikenal")))
        })
        .transpose()?;
    let new = NewUser::new(
        Username::parse(username).map_err(StartError::Config)?,
        Password::parse("password", password)?,
        role,
        tenant,
    )?;
    let user = create_user(state, None, new).await?;
    Ok((user, generated))
}

/// With an empty user table, creates `admin` (kabupaten_admin) and prints how to sign in.
pub async fn first_admin(state: &AppState, password: Option<String>) -> Result<(), StartError> {
    let count = state.db.global_read(users::count).await?;
    if count > 0 {
        return Ok(());
    }
    let (_, generated) =
        create_account(state, "admin", Role::KabupatenAdmin, None, password).await?;
    match generated {
        Some(p) => println!(
            "Administrator kabupaten dibuat: nama pengguna 'admin', kata sandi '{p}' \
             (ditampilkan sekali ini saja; simpan dan ganti setelah masuk)."
        ),
        None => println!(
            "Administrator kabupaten dibuat: nama pengguna 'admin', kata sandi dari SID_ADMIN_PASSWORD."
        ),
    }
    Ok(())
}

/// Demo mode: a desa admin and an operator in Kramatwatu, created once.
/// The demonstration villager's PIN (a demo only: production refuses `demo`).
pub const DEMO_PIN: &str = "246813";

pub async fn demo(state: &AppState) -> Result<(), StartError> {
    let accounts = [
        ("admin.kramatwatu", Role::DesaAdmin),
        ("operator.kramatwatu", Role::DesaOperator),
    ];
    let exists = {
        let name = Username::parse(accounts[0].0).map_err(StartError::Config)?;
        state
            .db
            .global_read(move |conn| users::exists(conn, &name))
            .await?
    };
    if !exists {
        for (name, role) in accounts {
            create_account(
                state,
                name,
                role,
                Some(DEMO_DESA),
                Some(DEMO_PASSWORD.into()),
            )
            .await?;
        }
    }
    let desa = state
        .directory
        .find(DEMO_DESA)
        .ok_or_else(|| StartError::Config(format!("desa demo '{DEMO_DESA}' tidak ada")))?;
    let added = sid_population::synthetic::fill(&state.db, &desa, 0, DEMO_FAMILIES, 2026).await?;
    if added > 0 {
        println!("Demo: {added} penduduk sintetis dalam {DEMO_FAMILIES} keluarga dibuat di Desa Kramatwatu.");
    }
    let products =
        sid_catalog::synthetic::fill(&state.db, std::slice::from_ref(&desa), 3, 12, 2026).await?;
    if products > 0 {
        println!("Demo: {products} produk UMKM sintetis di /desa/{DEMO_DESA}/produk dan /emall.");
    }
    if sid_admin::synthetic::fill(&state.db, std::slice::from_ref(&desa), 6, 4).await? > 0 {
        println!("Demo: situs desa dengan berita dan pembangunan di /desa/{DEMO_DESA}.");
    }
    println!(
        "Demo: Desa Kramatwatu — masuk di /masuk sebagai 'admin.kramatwatu' (admin desa) atau \
         'operator.kramatwatu' (operator), kata sandi '{DEMO_PASSWORD}'."
    );
    let pin = sid_core::auth::NewPin::of(
        &state.auth.pepper,
        sid_core::auth::Pin::field("pin", DEMO_PIN)?,
    )?;
    let villager = state
        .db
        .tenant(&desa.tenant, move |conn, tenant| {
            let Some(r) = sid_population::residents::store::first_living_head(conn, tenant)? else {
                return Ok(None);
            };
            if !sid_core::auth::has_pin(conn, tenant, &r.id)? {
                sid_core::auth::set_pin(
                    conn,
                    tenant,
                    &r.id,
                    &r.nik,
                    &pin,
                    chrono::Utc::now().naive_utc(),
                )?;
            }
            Ok(Some((r.name, r.nik)))
        })
        .await?;
    if let Some((name, nik)) = villager {
        println!(
            "Demo: warga {name} — masuk di /desa/{DEMO_DESA}/layanan dengan NIK {nik} dan PIN {DEMO_PIN}."
        );
    }
    Ok(())
}
