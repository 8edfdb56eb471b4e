// Fay–Herriot fits computed in R, independently of SafePoll's code (docs/statistics.md#small-area-estimates): metafor's
// rma(..., method = "REML") gives σ²_u and β̂ (vi = ψ, one coefficient per township, no intercept); the EBLUP, γ, the
// Prasad–Rao/Datta–Lahiri MSE and the clipped intervals are written out in R with dense matrices (solve(X'V⁻¹X)); the
// model ranks are competition ranks on the estimates rounded to two decimals and the rank ranges come from R's own
// 2,000 draws of N(estimate, MSE) (set.seed, rnorm), with the same quantile rule. The R script writes plain lines.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface RUnit {
  key: string;
  group: string;
  y: number | null;
  se: number | null;
  n: number;
  /** Ranked (not under the round's minimum sample); default true. */
  eligible?: boolean;
}

const R_SCRIPT = String.raw`
args <- commandArgs(trailingOnly = TRUE)
suppressMessages(library(metafor))
d <- read.csv(args[1], stringsAsFactors = FALSE, colClasses = c(key = "character", township = "character"))
lower <- as.numeric(args[2]); upper <- as.numeric(args[3])
big <- !is.na(d$y) & d$n >= 10
c0 <- median(d$se[big]^2 * d$n[big])
u <- d[!is.na(d$y) & d$n >= 1, ]
u$psi <- c0 / u$n
fit <- rma(yi = y, vi = psi, mods = ~ 0 + factor(township), data = u, method = "REML",
           control = list(threshold = 1e-13, maxiter = 10000))
s2 <- fit$tau2
X <- model.matrix(~ 0 + factor(township), data = u)
Vi <- diag(1 / (s2 + u$psi))
XVX <- t(X) %*% Vi %*% X
beta <- solve(XVX, t(X) %*% Vi %*% u$y)
gamma <- s2 / (s2 + u$psi)
theta <- gamma * u$y + (1 - gamma) * as.vector(X %*% beta)
g1 <- gamma * u$psi
g2 <- (1 - gamma)^2 * rowSums((X %*% solve(XVX)) * X)
g3 <- u$psi^2 / (s2 + u$psi)^3 * 2 / sum((s2 + u$psi)^-2)
mse <- g1 + g2 + 2 * g3
z <- 1.959963984540054
cat(sprintf("c %.17g\n", c0)); cat(sprintf("tau2 %.17g\n", s2))
b <- coef(fit); names(b) <- sub("factor\\(township\\)", "", names(b))
for (k in names(b)) cat(sprintf("beta %s %.17g\n", k, b[[k]]))
rankOf <- function(v) { r <- round(v, 2); 1 + rowSums(outer(r, r, "<")) }
# Only units at or above the round's minimum sample are ranked; the others print NA.
ok <- u$eligible == 1
th <- theta[ok]; ms <- mse[ok]
rank <- rep(NA_integer_, length(theta)); lo <- hi <- rank
rk <- rankOf(th)
set.seed(20260105)
D <- 2000
sims <- vapply(seq_len(D), function(k) rankOf(th + sqrt(ms) * rnorm(length(th))), numeric(length(th)))
idx <- which(ok)
for (j in seq_along(th)) {
  s <- sort(sims[j, ]); i <- idx[j]
  rank[i] <- rk[j]; lo[i] <- min(s[floor(0.025 * D) + 1], rk[j]); hi[i] <- max(s[ceiling(0.975 * D)], rk[j])
}
for (i in seq_len(nrow(u))) cat(sprintf("unit %s %.17g %.17g %.17g %.17g %.17g %s %s %s\n", u$key[i], theta[i], mse[i], gamma[i],
  max(lower, theta[i] - z * sqrt(mse[i])), min(upper, theta[i] + z * sqrt(mse[i])), format(rank[i]), format(lo[i]), format(hi[i])))
`;

export interface RFit {
  c: number;
  tau2: number;
  beta: Record<string, number>;
  units: Map<string, { value: number; mse: number; gamma: number; lo: number; hi: number; rank: number | null; range: [number, number] | null }>;
}

export function fitInR(units: RUnit[], scale: [number, number]): RFit {
  const dir = mkdtempSync(path.join(tmpdir(), 'fh-'));
  try {
    const csv = ['key,township,y,se,n,eligible', ...units.map((u) => [u.key, u.group, u.y ?? 'NA', u.se ?? 'NA', u.n, u.eligible === false ? 0 : 1].join(','))].join('\n');
    writeFileSync(path.join(dir, 'd.csv'), csv + '\n');
    writeFileSync(path.join(dir, 'fit.R'), R_SCRIPT);
    const out = execFileSync('Rscript', [path.join(dir, 'fit.R'), path.join(dir, 'd.csv'), String(scale[0]), String(scale[1])], { encoding: 'utf8' });
    const fit: RFit = { c: NaN, tau2: NaN, beta: {}, units: new Map() };
    for (const line of out.trim().split('\n')) {
      const [tag, ...rest] = line.trim().split(/\s+/);
      if (tag === 'c') fit.c = Number(rest[0]);
      else if (tag === 'tau2') fit.tau2 = Number(rest[0]);
      else if (tag === 'beta') fit.beta[rest[0]] = Number(rest[1]);
      else if (tag === 'unit') {
        const [value, mse, gamma, lo, hi] = rest.slice(1, 6).map(Number);
        const [rank, from, to] = rest.slice(6).map((x) => (x === 'NA' ? null : Number(x)));
        fit.units.set(rest[0], { value, mse, gamma, lo, hi, rank, range: rank === null || from === null || to === null ? null : [from, to] });
      }
    }
    return fit;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

