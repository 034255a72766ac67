-- wrk script for one URL: prints p50/p99 and requests per second.
function done(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout
  io.write(string.format("p50_ms=%.2f\np99_ms=%.2f\nrps=%.0f\nerrors=%d\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    summary.requests / (summary.duration / 1e6), errors))
end
