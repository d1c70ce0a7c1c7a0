# Golden files for no.rusvarsel.analytics.aberration.EarsC: runs the reference surveillance::earsC.
#
# Usage (from /work/main):  Rscript analytics-service/src/test/r/ears_golden.R [outdir]
# Default outdir: analytics-service/src/test/resources/aberration
# Requires: R + package surveillance (Debian 12: apt-get install r-cran-surveillance).
#
# Output per series:  <series>.csv                      columns t,observed (t is 1-based, as in R)
# and per method/alpha: <series>-<method>-<alpha>.csv   columns t,observed,upperbound,alarm
# Numbers are written with 17 significant digits; NaN upperbound as "NaN", NA alarm as "NA".
# If earsC stops ("too short" / empty range) the result file has only the header (no monitored days).
suppressPackageStartupMessages(library(surveillance))

args <- commandArgs(trailingOnly = TRUE)
outdir <- if (length(args) >= 1) args[1] else "analytics-service/src/test/resources/aberration"
dir.create(outdir, showWarnings = FALSE, recursive = TRUE)

# Deterministic input series (no RNG, so the files are reproducible on any R version).
flat <- c(3, 5, 4, 6, 2, 4, 5, 3, 4, 7, 5, 4, 3, 5, 6, 4, 3, 5, 4, 14, 6, 4, 5, 3, 4, 6, 5, 4, 3, 5)
series <- list(
  "flat-spike"    = flat,
  "zero-variance" = c(rep(0, 14), 3, 0, 0, 0, 0, 1, 0, 0, 0, 0),
  "constant"      = rep(4, 20),
  "weekly"        = rep(c(2, 8, 9, 7, 8, 10, 3), 5),
  "short"         = c(1, 2, 1, 3, 2, 1, 2, 5, 2),
  "slow-rise"     = c(2, 3, 2, 3, 2, 3, 3, 3, 4, 4, 4, 5, 5, 6, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 22)
)
methods <- c("C1", "C2", "C3")
alphas <- c(0.001, 0.05)

fmt <- function(x) ifelse(is.nan(x), "NaN", sprintf("%.17g", x))

for (name in names(series)) {
  y <- series[[name]]
  write.csv(data.frame(t = seq_along(y), observed = y),
            file.path(outdir, paste0(name, ".csv")), row.names = FALSE, quote = FALSE)
  for (method in methods) {
    for (alpha in alphas) {
      s <- sts(observed = matrix(y, ncol = 1), frequency = 365, start = c(2024, 1))
      res <- tryCatch(earsC(s, control = list(method = method, alpha = alpha, baseline = 7)),
                      error = function(e) NULL)
      file <- file.path(outdir, sprintf("%s-%s-%s.csv", name, method, format(alpha)))
      if (is.null(res)) {
        writeLines("t,observed,upperbound,alarm", file)
      } else {
        ub <- as.vector(upperbound(res))
        al <- as.vector(alarms(res))
        lines <- sprintf("%d,%d,%s,%s", as.integer(res@control$range),
                         as.integer(observed(res)), fmt(ub),
                         ifelse(is.na(al), "NA", ifelse(al, "TRUE", "FALSE")))
        writeLines(c("t,observed,upperbound,alarm", lines), file)
      }
    }
  }
}
cat("wrote golden files to", outdir, "\n")
