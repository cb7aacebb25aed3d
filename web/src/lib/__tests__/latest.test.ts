import { describe, expect, it } from 'vitest';
import { latestOnly, type Latest } from '../latest.js';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Asks through `latest` and writes down what it hands on: the answer, or "error <message>". */
function ask<T>(latest: Latest, request: Promise<T>, log: string[]): Promise<void> {
  return latest(
    request,
    (value) => log.push(String(value)),
    (error) => log.push(`error ${error.message}`),
  );
}

describe('latestOnly', () => {
  it('drops an older answer that arrives after a newer one', async () => {
    const latest = latestOnly();
    const all = deferred<string>();
    const review = deferred<string>();
    const log: string[] = [];
    const first = ask(latest, all.promise, log);
    const second = ask(latest, review.promise, log);
    review.resolve('review');
    await second;
    all.resolve('all');
    await first;
    expect(log).toEqual(['review']);
  });

  it('hands on the newest answer when the older came first', async () => {
    const latest = latestOnly();
    const older = deferred<number>();
    const newer = deferred<number>();
    const log: string[] = [];
    const a = ask(latest, older.promise, log);
    const b = ask(latest, newer.promise, log);
    older.resolve(1);
    await a;
    newer.resolve(2);
    await b;
    expect(log).toEqual(['2']);
  });

  it("hands on the newest request's error and drops an older one's", async () => {
    const latest = latestOnly();
    const older = deferred<number>();
    const newer = deferred<number>();
    const log: string[] = [];
    const done = Promise.all([ask(latest, older.promise, log), ask(latest, newer.promise, log)]);
    older.reject(new Error('older'));
    newer.reject('newer as a string');
    await done;
    expect(log).toEqual(['error newer as a string']);
  });

  it('settles for a superseded request too, so code awaiting a reload goes on', async () => {
    const latest = latestOnly();
    const older = deferred<number>();
    const log: string[] = [];
    const a = ask(latest, older.promise, log).then(() => log.push('older settled'));
    void ask(latest, Promise.resolve(2), log);
    older.resolve(1);
    await a;
    expect(log).toEqual(['2', 'older settled']);
  });

  it('keeps pages apart: each latestOnly() counts its own requests', async () => {
    const log: string[] = [];
    await Promise.all([ask(latestOnly(), Promise.resolve('a'), log), ask(latestOnly(), Promise.resolve('b'), log)]);
    expect(log.sort()).toEqual(['a', 'b']);
  });
});
