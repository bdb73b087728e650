//! `genesiscloud-emulator`: the emulator as a standalone server.
//!
//! Prints the base URL (and nothing else) as its first line on stdout, then
//! serves until SIGINT or SIGTERM.

use std::io::Write;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use genesiscloud_emulator::{
    default_token, serve, serve_tls, AppState, CertificateKind, EmulatorConfig, Seed, SeedSpec,
    TlsConfig, TlsServer,
};

const USAGE: &str = "\
genesiscloud-emulator: in-memory emulator of the Genesis Cloud compute API v1

USAGE:
    genesiscloud-emulator [OPTIONS]

OPTIONS:
    --port N                 port to listen on; 0 picks a free one [default: 8080]
    --host ADDR              address to listen on [default: 127.0.0.1]
    --token TOKEN            accepted token; repeat for several
                             [default: $GENESISCLOUD_EMULATOR_TOKEN or gc-emulator-token]
    --seed default|empty|FILE
                             initial content; FILE is a JSON seed file [default: default]
    --latency-ms N           delay added to every /compute/v1 answer [default: 0]
    --rate-limit N           requests per second per token, 0 = none [default: none]
    --lifecycle-delay-ms N   time spent in creating/starting/deleting/… [default: 300]
    --tls                    serve HTTPS (HTTP/2 and HTTP/1.1) with a certificate for
                             127.0.0.1, ::1 and localhost signed by a throwaway CA
    --tls-ca-out FILE        where --tls writes the CA certificate (PEM) that clients
                             must trust [default: a file in the temporary directory,
                             named on stderr]
    --tls-certificate valid|expired|wrong-host
                             the certificate --tls presents [default: valid]
    -h, --help               print this help

The first line on stdout is the base URL, e.g. http://127.0.0.1:8080/compute/v1
(https:// with --tls).
The control API is served under /_emulator (see docs/emulator.md).
";

struct Options {
    config: EmulatorConfig,
}

fn parse_args(args: impl Iterator<Item = String>) -> Result<Option<Options>, String> {
    let mut config = EmulatorConfig {
        port: 8080,
        ..EmulatorConfig::default()
    };
    let mut tokens: Vec<String> = Vec::new();
    let mut tls: Option<TlsConfig> = None;
    let mut args = args.peekable();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_owned(), Some(v.to_owned())),
            _ => (arg.clone(), None),
        };
        if flag == "-h" || flag == "--help" {
            return Ok(None);
        }
        let mut value = || -> Result<String, String> {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        let number = |text: String| -> Result<u64, String> {
            text.parse::<u64>()
                .map_err(|_| format!("{flag} needs a non-negative integer, got {text:?}"))
        };
        match flag.as_str() {
            "--port" => {
                let v = value()?;
                config.port = v
                    .parse()
                    .map_err(|_| format!("--port needs a port number, got {v:?}"))?;
            }
            "--host" => {
                let v = value()?;
                config.host = v
                    .parse::<IpAddr>()
                    .map_err(|_| format!("--host needs an IP address, got {v:?}"))?;
            }
            "--token" => {
                let v = value()?;
                if v.is_empty() {
                    return Err("--token must not be empty".into());
                }
                tokens.push(v);
            }
            "--seed" => {
                config.seed = match value()?.as_str() {
                    "default" => Seed::Default,
                    "empty" => Seed::Empty,
                    file => Seed::Custom(SeedSpec::from_file(Path::new(file))?),
                };
            }
            "--latency-ms" => config.latency = Duration::from_millis(number(value()?)?),
            "--lifecycle-delay-ms" => {
                config.lifecycle_delay = Duration::from_millis(number(value()?)?)
            }
            "--rate-limit" => {
                let n = number(value()?)?;
                config.rate_limit = (n > 0).then(|| u32::try_from(n).unwrap_or(u32::MAX));
            }
            "--tls" => {
                tls.get_or_insert_with(TlsConfig::default);
            }
            "--tls-ca-out" => {
                tls.get_or_insert_with(TlsConfig::default).ca_out = Some(PathBuf::from(value()?));
            }
            "--tls-certificate" => {
                tls.get_or_insert_with(TlsConfig::default).certificate = match value()?.as_str() {
                    "valid" => CertificateKind::Valid,
                    "expired" => CertificateKind::Expired,
                    "wrong-host" => CertificateKind::WrongHost,
                    other => {
                        return Err(format!(
                            "--tls-certificate needs valid, expired or wrong-host, got {other:?}"
                        ))
                    }
                };
            }
            other => return Err(format!("unknown option {other:?} (see --help)")),
        }
    }
    config.tokens = if tokens.is_empty() {
        vec![default_token()]
    } else {
        tokens
    };
    config.tls = tls;
    Ok(Some(Options { config }))
}

async fn shutdown_signal() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(s) => s,
                Err(_) => {
                    let _ = interrupt.await;
                    return;
                }
            };
        tokio::select! {
            _ = interrupt => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = interrupt.await;
    }
}

fn main() -> ExitCode {
    let options = match parse_args(std::env::args().skip(1)) {
        Ok(Some(options)) => options,
        Ok(None) => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("genesiscloud-emulator: {message}");
            return ExitCode::from(2);
        }
    };
    let config = options.config;
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("genesiscloud-emulator: cannot start the runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind((config.host, config.port)).await?;
        let addr = listener.local_addr()?;
        let state = AppState::new(&config);
        let tls = match &config.tls {
            None => None,
            Some(tls_config) => {
                let server = TlsServer::generate(tls_config.certificate)?;
                let path = tls_config.ca_out.clone().unwrap_or_else(|| {
                    std::env::temp_dir().join(format!(
                        "genesiscloud-emulator-ca-{}.pem",
                        std::process::id()
                    ))
                });
                server.write_ca(&path)?;
                eprintln!(
                    "genesiscloud-emulator: the CA certificate to trust is in {}",
                    path.display()
                );
                Some(server)
            }
        };
        let scheme = if tls.is_some() { "https" } else { "http" };
        let mut stdout = std::io::stdout().lock();
        writeln!(stdout, "{scheme}://{addr}/compute/v1")?;
        stdout.flush()?;
        drop(stdout);
        match tls {
            Some(tls) => serve_tls(listener, state, tls, shutdown_signal()).await,
            None => serve(listener, state, shutdown_signal()).await,
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("genesiscloud-emulator: {e}");
            ExitCode::FAILURE
        }
    }
}
