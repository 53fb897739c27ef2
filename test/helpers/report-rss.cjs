// Preloaded with `node --require` by memory tests: prints the process's peak resident memory (KB) on exit, on stderr.
process.on("exit", () => process.stderr.write(`\nPEAK_RSS_KB=${process.resourceUsage().maxRSS}\n`));
