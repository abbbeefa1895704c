//! The service gives the same answers as the CLI on every fixture article: the same plan from
//! `/v1/place`, the same document from `/v1/insert`, the same message when it fails.

use std::path::PathBuf;

use adslot::formats;
use adslot::serve::ServeOptions;

use super::client::{post, repo, Server};
use super::endpoints::cli;

/// Every article fixture: the seed, and those of `cli`, `cms`, `linebreak`, `pages`, `real`.
fn fixtures() -> Vec<PathBuf> {
    let mut paths = Vec::new();
    for dir in ["", "cli", "cms", "linebreak", "pages", "real"] {
        let dir = repo(&format!("tests/fixtures/{dir}"));
        for entry in std::fs::read_dir(&dir).expect("a fixture folder").flatten() {
            let path = entry.path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if path.is_file() && name != "README.md" && formats::from_path(&path).is_some() {
                paths.push(path);
            }
        }
    }
    paths.sort();
    paths
}

/// What one fixture gives through the CLI and through the service, for one output.
fn compare(server: &Server, path: &PathBuf) -> Vec<String> {
    let format = formats::from_path(path).expect("a format");
    let name = format.name();
    let body = std::fs::read(path).expect("the fixture");
    let mut outputs = vec![("json", format!("/v1/place?format={name}"))];
    if format.writes_slots() {
        outputs.push((name, format!("/v1/insert?format={name}")));
    }
    let mut wrong = Vec::new();
    for (output, endpoint) in outputs {
        let args = [
            "place",
            "-",
            "--input-format",
            name,
            "--format",
            output,
            "--rules",
            "rules/upi.toml",
        ];
        let (ok, stdout, stderr) = cli(&args, &body);
        let reply = post(server.addr, &endpoint, "application/octet-stream", &body);
        let same = match (ok, reply.status) {
            (true, 200) => reply.body == stdout,
            (false, 400..=499) => {
                let message = stderr.trim_end().trim_start_matches("error: ");
                reply.error() == message.replace("<stdin>", "<body>")
            }
            _ => false,
        };
        if !same {
            wrong.push(format!(
                "{} {endpoint}: CLI {ok} {:?}, service {} {:?}",
                path.display(),
                if ok {
                    String::from_utf8_lossy(&stdout)
                        .chars()
                        .take(200)
                        .collect::<String>()
                } else {
                    stderr
                },
                reply.status,
                String::from_utf8_lossy(&reply.body)
                    .chars()
                    .take(200)
                    .collect::<String>()
            ));
        }
    }
    wrong
}

#[test]
fn every_fixture_gets_the_clis_placements_and_slots() {
    let mut options = ServeOptions::default();
    options.max_body = adslot::source::DEFAULT_MAX_INPUT_BYTES as usize;
    let server = Server::start(&repo("rules/upi.toml"), options);
    let paths = fixtures();
    assert!(paths.len() > 100, "{} fixtures", paths.len());
    let wrong: Vec<String> = std::thread::scope(|scope| {
        let workers: Vec<_> = paths
            .chunks(paths.len().div_ceil(4))
            .map(|chunk| {
                let server = &server;
                scope.spawn(move || {
                    chunk
                        .iter()
                        .flat_map(|p| compare(server, p))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("a worker"))
            .collect()
    });
    assert!(
        wrong.is_empty(),
        "{} differences:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}
