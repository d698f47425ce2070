//! A short load test of `korex serve`, loopback only, bounded in count and
//! time: `C` client threads POST the corpus articles (one JSON object each)
//! round-robin to `/v1/extract` over keep-alive connections until `N`
//! requests are done or `T` seconds have passed, then print requests/s and
//! latency percentiles. `benches/serve_load.sh` starts the server and runs it:
//!
//! ```sh
//! cargo run --release --example serve_load -- ADDR [N] [C] [T]
//! ```
//!
//! Exits 1 if any answer is not 200 or not the article's record.

use std::net::SocketAddr;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: serve_load ADDR [REQUESTS=2000] [CLIENTS=4] [SECONDS=60]";
    let addr: SocketAddr = args
        .first()
        .and_then(|a| a.parse().ok())
        .unwrap_or_else(|| exit(usage));
    if !addr.ip().is_loopback() {
        exit("serve_load only sends to loopback addresses (127.0.0.0/8, ::1)");
    }
    let number = |i: usize, default: u64| -> u64 {
        args.get(i)
            .map_or(Some(default), |a| a.parse().ok())
            .unwrap_or_else(|| exit(usage))
    };
    let (total, clients, seconds) = (number(1, 2000), number(2, 4).max(1), number(3, 60));

    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut articles = Vec::new();
    for language in ["ko", "en"] {
        let mut paths: Vec<_> = std::fs::read_dir(root.join(language))
            .unwrap_or_else(|e| exit(&format!("corpus: {e}")))
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        paths.sort();
        for path in paths {
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| exit(&e.to_string()));
            let id = path
                .file_stem()
                .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
            let body = serde_json::json!({"id": id, "text": text}).to_string();
            articles.push((id, body));
        }
    }
    let bytes: usize = articles.iter().map(|(_, b)| b.len()).sum();
    println!(
        "serve_load: {} articles ({} bytes on average), {total} requests at most, {clients} clients, {seconds} s at most, http://{addr}",
        articles.len(),
        bytes / articles.len().max(1)
    );

    let url = format!("http://{addr}/v1/extract");
    let next = AtomicUsize::new(0);
    let failures = AtomicUsize::new(0);
    let latencies = Mutex::new(Vec::with_capacity(total as usize));
    let started = Instant::now();
    let deadline = started + Duration::from_secs(seconds);
    std::thread::scope(|scope| {
        for _ in 0..clients {
            scope.spawn(|| {
                let agent: ureq::Agent = ureq::Agent::config_builder()
                    .http_status_as_error(false)
                    .timeout_global(Some(Duration::from_secs(30)))
                    .build()
                    .into();
                let mut mine = Vec::new();
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i as u64 >= total || Instant::now() >= deadline {
                        break;
                    }
                    let (id, body) = &articles[i % articles.len()];
                    let sent = Instant::now();
                    let ok = match agent
                        .post(&url)
                        .header("content-type", "application/json")
                        .send(body.as_bytes())
                    {
                        Ok(mut response) => {
                            let status = response.status().as_u16();
                            let text = response.body_mut().read_to_string().unwrap_or_default();
                            status == 200 && text.contains(&format!("\"id\":\"{id}\""))
                        }
                        Err(_) => false,
                    };
                    mine.push(sent.elapsed());
                    if !ok {
                        failures.fetch_add(1, Ordering::Relaxed);
                    }
                }
                latencies.lock().map(|mut all| all.extend(mine)).ok();
            });
        }
    });
    let elapsed = started.elapsed();
    let mut latencies = latencies.into_inner().unwrap_or_default();
    latencies.sort();
    let done = latencies.len();
    let percentile = |p: f64| -> f64 {
        if done == 0 {
            return 0.0;
        }
        let rank = ((p / 100.0) * done as f64).ceil() as usize;
        latencies[rank.clamp(1, done) - 1].as_secs_f64() * 1e3
    };
    let failed = failures.load(Ordering::Relaxed);
    println!(
        "serve_load: {done} requests in {:.2} s: {:.1} requests/s, {:.2} MB/s; latency p50 {:.1} ms, p90 {:.1} ms, p99 {:.1} ms, max {:.1} ms; {failed} failed",
        elapsed.as_secs_f64(),
        done as f64 / elapsed.as_secs_f64(),
        (done * bytes / articles.len().max(1)) as f64 / 1e6 / elapsed.as_secs_f64(),
        percentile(50.0),
        percentile(90.0),
        percentile(99.0),
        percentile(100.0),
    );
    if failed > 0 || done == 0 {
        std::process::exit(1);
    }
}

fn exit(message: &str) -> ! {
    eprintln!("{message}");
    std::process::exit(2)
}
