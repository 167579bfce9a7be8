//! What machine a benchmark ran on, and how much memory it took (Linux /proc; "unknown" elsewhere).

use std::path::Path;

/// CPU model, core count and kernel, in one line.
pub fn describe() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|line| {
            line.strip_prefix("model name")
                .and_then(|rest| rest.split(':').nth(1))
        })
        .map(str::trim)
        .unwrap_or("unknown CPU");
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(0);
    let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();
    let memory = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines()
                .find_map(|l| l.strip_prefix("MemTotal:"))
                .and_then(|v| v.trim().trim_end_matches(" kB").parse::<u64>().ok())
        })
        .map(|kb| format!("{:.1} GiB", kb as f64 / 1024.0 / 1024.0))
        .unwrap_or_else(|| "unknown memory".into());
    format!("{model}, {cores} cores, {memory}, Linux {}", kernel.trim())
}

/// Peak resident memory of this process so far (VmHWM).
pub fn peak_rss() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches(" kB").parse::<u64>().ok())
        })
        .map(|kb| format!("{:.0} MiB", kb as f64 / 1024.0))
        .unwrap_or_else(|| "unknown".into())
}

/// Total size of the files directly in `dir`.
pub fn dir_size(dir: &Path) -> String {
    let bytes: u64 = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok()?.metadata().ok())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0);
    format!("{:.1} MiB", bytes as f64 / 1024.0 / 1024.0)
}

/// A data directory for a fresh store: `--data-dir` if given (it must be empty or absent), or a
/// temporary directory that is removed when the returned guard is dropped.
pub fn fresh_data_dir(
    given: Option<&std::path::Path>,
    who: &str,
) -> anyhow::Result<(std::path::PathBuf, Option<tempfile::TempDir>)> {
    match given {
        Some(dir) => {
            if dir.exists() && std::fs::read_dir(dir)?.next().is_some() {
                anyhow::bail!(
                    "--data-dir {} is not empty; {who} needs a fresh store",
                    dir.display()
                );
            }
            Ok((dir.to_path_buf(), None))
        }
        None => {
            let temporary = tempfile::tempdir()
                .map_err(|e| anyhow::anyhow!("create a temporary data directory: {e}"))?;
            Ok((temporary.path().to_path_buf(), Some(temporary)))
        }
    }
}
