import { describe, expect, it } from 'vitest';
import { latestOnly } from '../latest.js';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('latestOnly', () => {
  it('drops an older answer that arrives after a newer one', async () => {
    const latest = latestOnly();
    const all = deferred<string>();
    const review = deferred<string>();
    const seen: string[] = [];
    const first = latest(
      all.promise,
      (v) => seen.push(v),
      () => seen.push('error'),
    );
    const second = latest(
      review.promise,
      (v) => seen.push(v),
      () => seen.push('error'),
    );
    review.resolve('review');
    await second;
    all.resolve('all');
    await first;
    expect(seen).toEqual(['review']);
  });

  it('hands on the newest answer when the older came first', async () => {
    const latest = latestOnly();
    const older = deferred<number>();
    const newer = deferred<number>();
    const seen: number[] = [];
    const a = latest(
      older.promise,
      (v) => seen.push(v),
      () => undefined,
    );
    const b = latest(
      newer.promise,
      (v) => seen.push(v),
      () => undefined,
    );
    older.resolve(1);
    await a;
    newer.resolve(2);
    await b;
    expect(seen).toEqual([2]);
  });

  it("hands on the newest request's error and drops an older one's", async () => {
    const latest = latestOnly();
    const older = deferred<number>();
    const newer = deferred<number>();
    const errors: string[] = [];
    const a = latest(
      older.promise,
      () => undefined,
      (e) => errors.push(e.message),
    );
    const b = latest(
      newer.promise,
      () => undefined,
      (e) => errors.push(e.message),
    );
    older.reject(new Error('older'));
    newer.reject('newer as a string');
    await Promise.all([a, b]);
    expect(errors).toEqual(['newer as a string']);
  });

  it('settles for a superseded request too, so code awaiting a reload goes on', async () => {
    const latest = latestOnly();
    const older = deferred<number>();
    const done: string[] = [];
    const a = latest(
      older.promise,
      () => undefined,
      () => undefined,
    ).then(() => done.push('older settled'));
    void latest(
      Promise.resolve(2),
      () => undefined,
      () => undefined,
    );
    older.resolve(1);
    await a;
    expect(done).toEqual(['older settled']);
  });

  it('keeps pages apart: each latestOnly() counts its own requests', async () => {
    const a = latestOnly();
    const b = latestOnly();
    const seen: string[] = [];
    await Promise.all([
      a(
        Promise.resolve('a'),
        (v) => seen.push(v),
        () => undefined,
      ),
      b(
        Promise.resolve('b'),
        (v) => seen.push(v),
        () => undefined,
      ),
    ]);
    expect(seen.sort()).toEqual(['a', 'b']);
  });
});
