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
    /// The benchmark's data set (see bench/run).
    Bench {
        #[command(subcommand)]
        command: BenchCommand,
    },
    /// Import data from a file.
    Import {
        #[command(subcommand)]
        command: ImportCommand,
    },
}

#[derive(Subcommand)]
enum BenchCommand {
    /// Fill every desa with synthetic families through the import path and print the rate;
    /// write the same rows as CSV (for COPY) and request samples into OUT.
    Populate {
        #[arg(long, default_value_t = 1_700_000)]
        residents: usize,
        #[arg(long, default_value = "bench/out")]
        out: PathBuf,
    },
    /// Fill every desa with synthetic sellers and products (the e-mall's data set); print the
    /// count and a few searches for the load generator into OUT.
    Products {
        #[arg(long, default_value_t = 50_000)]
        products: usize,
        #[arg(long, default_value = "bench/out")]
        out: PathBuf,
    },
    /// Import the same synthetic residents as our template (CSV, XLSX) and as OpenSID's layout
    /// (XLSX), each into an empty desa, rounds interleaved; print residents per second.
    Import {
        #[arg(long, default_value_t = 20_000)]
        residents: usize,
        #[arg(long, default_value_t = 3)]
        rounds: usize,
    },
    /// Sign letters over HTTP on a running server as a desa admin; print the latency of one
    /// signing (p50, p95) and the rate with several clients.
    Letters {
        #[arg(long, default_value = "http://127.0.0.1:8080")]
        url: String,
        #[arg(long)]
        desa: String,
        /// A desa admin's token (`SID_BENCH_TOKEN`).
        #[arg(long, env = "SID_BENCH_TOKEN")]
        token: String,
        /// Letters per phase.
        #[arg(long, default_value_t = 200)]
        count: usize,
        #[arg(long, default_value_t = 8)]
        clients: usize,
    },
}

#[derive(Subcommand)]
enum ImportCommand {
    /// Residents for one desa from a CSV, XLSX or XLS file: our template, OpenSID's layout, a
    /// SIAK export or a Buku Induk Penduduk (recognised by the header).
    Residents {
        /// Slug or Kemendagri code of the desa.
        #[arg(long)]
        desa: String,
        /// Check only; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Write the valid rows and leave the refused ones out (they are listed).
        #[arg(long)]
        skip_refused: bool,
        file: PathBuf,
    },
    /// Residents of many desa from a folder, one file per desa named by its Kemendagri code
    /// (`3604052001.xls`, `36.04.05.2001.xlsx`) or slug; each desa all or nothing.
    Batch {
        /// Check only; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Write each desa's valid rows and leave its refused ones out.
        #[arg(long)]
        skip_refused: bool,
        folder: PathBuf,
    },
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

/// `sid import residents`: the same checks and writes as the upload, with a progress bar.
async fn import_residents(
    settings: &Settings,
    desa: &str,
    mode: sid_population::import::Mode,
    file: &std::path::Path,
) -> Result<(), StartError> {
    let dry_run = mode.dry_run;
    let state = startup::open(settings).await?;
    let desa = state
        .directory
        .resolve(desa)
        .ok_or_else(|| StartError::Config(format!("desa '{desa}' tidak dikenal atau nonaktif")))?;
    let bytes = std::fs::read(file)?;
    if bytes.len() > sid_population::import::MAX_FILE {
        return Err(StartError::Config(format!(
            "berkas melebihi batas {} MiB",
            sid_population::import::MAX_FILE / (1024 * 1024)
        )));
    }
    let bar = indicatif::ProgressBar::new(0).with_style(
        indicatif::ProgressStyle::with_template("{msg:>8} [{bar:40}] {pos}/{len} baris ({eta})")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let progress: sid_population::import::Progress = {
        let bar = bar.clone();
        std::sync::Arc::new(move |stage, done, of| {
            bar.set_message(stage);
            bar.set_length(of);
            bar.set_position(done);
        })
    };
    let actor = sid::cli_actor();
    let result =
        sid_population::import::run(&state.db, &desa.tenant, actor, bytes, mode, progress).await;
    bar.finish_and_clear();
    let report = match result {
        Ok(report) => report,
        Err(sid_core::Error::Rows(problems)) => {
            for p in &problems {
                eprintln!("baris {}, kolom {}: {}", p.row, p.column, p.message);
            }
            return Err(StartError::Config(format!(
                "{} masalah; tidak ada data yang disimpan",
                problems.len()
            )));
        }
        Err(e) => return Err(e.into()),
    };
    println!(
        "Format: {} (judul di baris {}).",
        report.layout_title, report.header_row
    );
    for c in report.columns.iter().filter(|c| c.field.is_none()) {
        println!("kolom '{}' tidak disimpan", c.header);
    }
    for v in &report.variants {
        println!(
            "kolom '{}': '{}' dibaca sebagai {} ({} baris)",
            v.column, v.value, v.name, v.rows
        );
    }
    for p in &report.problems {
        println!("baris {}, kolom {}: {}", p.row, p.column, p.message);
    }
    println!(
        "Desa {}: {} baris; {} penduduk {}, {} KK baru, {} sudah ada{}.",
        desa.name,
        report.rows,
        report.created,
        if dry_run {
            "akan ditambahkan"
        } else {
            "ditambahkan"
        },
        report.families_created,
        report.unchanged,
        if dry_run {
            " (uji saja, tidak ada yang disimpan)"
        } else {
            ""
        }
    );
    Ok(())
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
        Command::Bench {
            command: BenchCommand::Populate { residents, out },
        } => {
            let state = startup::open(&settings).await?;
            sid::bench::populate(&state, residents, &out).await?;
        }
        Command::Bench {
            command: BenchCommand::Import { residents, rounds },
        } => {
            let state = startup::open(&settings).await?;
            sid::bench::imports::run(&state, residents, rounds).await?;
        }
        Command::Bench {
            command: BenchCommand::Products { products, out },
        } => {
            let state = startup::open(&settings).await?;
            sid::bench::products(&state, products, &out).await?;
        }
        Command::Bench {
            command:
                BenchCommand::Letters {
                    url,
                    desa,
                    token,
                    count,
                    clients,
                },
        } => sid::bench::letters::run(&url, &desa, &token, count, clients).await?,
        Command::Import {
            command:
                ImportCommand::Residents {
                    desa,
                    dry_run,
                    skip_refused,
                    file,
                },
        } => {
            let mode = sid_population::import::Mode {
                dry_run,
                skip_refused,
            };
            import_residents(&settings, &desa, mode, &file).await?
        }
        Command::Import {
            command:
                ImportCommand::Batch {
                    dry_run,
                    skip_refused,
                    folder,
                },
        } => {
            let state = startup::open(&settings).await?;
            let mode = sid_population::import::Mode {
                dry_run,
                skip_refused,
            };
            sid::onboarding::import_folder(&state, &folder, mode).await?
        }
    }
    Ok(())
}
