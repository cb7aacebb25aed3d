import { createConnection } from 'mysql2/promise';

// The server connection (no database selected) of a bench that needs MariaDB/MySQL. Without a
// server, a smoke run (BENCH_SMOKE=1) outside CI prints why and exits 0; anywhere else (a full
// run, CI, which has one) the connection error is thrown.
export async function connectOrSkip(url) {
  try {
    return await createConnection({
      host: url.hostname,
      port: Number(url.port || 3306),
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
    });
  } catch (error) {
    if (process.env.BENCH_SMOKE === '1' && process.env.CI !== 'true') {
      console.log(`skipped: no MariaDB/MySQL (${error.message}); set BENCH_MYSQL_URL`);
      process.exit(0);
    }
    throw error;
  }
}
