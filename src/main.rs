use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use sid::{bootstrap, startup, Application, Settings, StartError};
use sid_core::auth::Role;
use tracing_subscriber::EnvFilter;

/// SID Serang: Sistem Informasi Desa for the 326 desa of Kabupaten Serang.
#[derive(Parser)]
#[command(version)]
struct Cli {
    /// Folder holding {SID_ENV}.toml.
    #[arg(long, default_value = "config", global = true)]
    config_dir: PathBuf,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Start the server (the default).
    Serve,
    /// Apply pending database migrations and seed the desa registry, then exit.
    Migrate,
    /// Manage accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Read and check the configuration, print it (without secrets) and exit.
    CheckConfig,
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create an account. The password comes from SID_USER_PASSWORD, or is generated and printed once.
    Create {
        #[arg(long)]
        username: String,
        /// kabupaten_admin, desa_admin or desa_operator.
        #[arg(long, value_parser = parse_role)]
        role: Role,
        /// Slug or Kemendagri code of the desa (for desa roles).
        #[arg(long)]
        desa: Option<String>,
    },
}

fn parse_role(s: &str) -> Result<Role, String> {
    Role::parse(s)
        .filter(|r| *r != Role::Warga)
        .ok_or_else(|| "peran: kabupaten_admin, desa_admin atau desa_operator".into())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let settings = match Settings::load(&cli.config_dir) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| EnvFilter::new(&settings.log.filter)),
        )
        .init();
    let result = actix_web::rt::System::new().block_on(run(cli.command, settings));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

async fn run(command: Option<Command>, settings: Settings) -> Result<(), StartError> {
    match command.unwrap_or(Command::Serve) {
        Command::Serve => {
            Application::build(settings)
                .await?
                .run_until_stopped()
                .await?
        }
        Command::Migrate => {
            startup::open(&settings).await?;
            println!("Basis data sudah mutakhir; registri desa terisi.");
        }
        Command::User {
            command:
                UserCommand::Create {
                    username,
                    role,
                    desa,
                },
        } => {
            let state = startup::open(&settings).await?;
            let password = std::env::var("SID_USER_PASSWORD").ok();
            let (user, generated) =
                bootstrap::create_account(&state, &username, role, desa.as_deref(), password)
                    .await?;
            println!("Akun '{}' ({}) dibuat.", user.username, user.role.as_str());
            if let Some(p) = generated {
                println!("Kata sandi: {p} (ditampilkan sekali ini saja)");
            }
        }
        Command::CheckConfig => println!("Konfigurasi valid:\n{settings:#?}"),
    }
    Ok(())
}
