import { createConnection } from 'mysql2/promise';

// The server connection (no database selected) of a bench that needs MariaDB/MySQL. Without a
// server, a smoke run (BENCH_SMOKE=1) outside CI may go without: connectOrNull prints why and
// answers null (the bench measures the rest), connectOrSkip ends the bench there. Anywhere else
// (a full run, CI, which has one) the connection error is thrown. Only the connection is
// optional: an error after it is the bench's failure, never reported as a skip.
export async function connectOrNull(url, what = 'MariaDB/MySQL') {
  try {
    return await createConnection({
      host: url.hostname,
      port: Number(url.port || 3306),
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
    });
  } catch (error) {
    if (process.env.BENCH_SMOKE === '1' && process.env.CI !== 'true') {
      console.log(`${what}: skipped, no MariaDB/MySQL (${error.message}); set BENCH_MYSQL_URL`);
      return null;
    }
    throw error;
  }
}

export async function connectOrSkip(url) {
  const connection = await connectOrNull(url);
  if (!connection) process.exit(0);
  return connection;
}
