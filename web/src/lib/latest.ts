import { useState } from 'react';

/** Takes a request's answer (or its error) only if no newer request has been made since. */
export type Latest = <T>(request: Promise<T>, take: (value: T) => void, fail: (error: Error) => void) => Promise<void>;

/**
 * A page whose load() is also called after a save (not only by an effect, where a cleanup flag does
 * this) can have two reloads out at once, and answers do not come back in order: a task's older
 * reload would bring back older versions and the next save would meet a 409. latestOnly() hands on
 * only the newest request's answer or error; the promise it returns settles either way, so code
 * awaiting a reload (an upload's progress bar) goes on.
 */
export function latestOnly(): Latest {
  let newest = 0;
  return async <T>(request: Promise<T>, take: (value: T) => void, fail: (error: Error) => void) => {
    const mine = ++newest;
    let value: T;
    try {
      value = await request;
    } catch (error) {
      if (mine === newest) fail(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    if (mine === newest) take(value);
  };
}

/** latestOnly() kept for the life of a component. */
export function useLatest(): Latest {
  return useState(latestOnly)[0];
}
