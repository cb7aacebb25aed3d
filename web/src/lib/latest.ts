import { useState } from 'react';

/** Takes a request's answer (or its error) only if no newer request has been made since. */
export type Latest = <T>(request: Promise<T>, take: (value: T) => void, fail: (error: Error) => void) => Promise<void>;

/**
 * A page asks again whenever its filters change or a save reloads it, and answers do not come back
 * in order: the ledger's "all tasks" could land after the review queue's and fill the 待审核 tab
 * with tasks not waiting for review; a task's older reload would bring back older versions and the
 * next save would meet a 409. latestOnly() hands on only the newest request's answer or error; the
 * promise it returns settles either way, so code awaiting a reload (an upload's progress bar) goes on.
 */
export function latestOnly(): Latest {
  let newest = 0;
  return async (request, take, fail) => {
    const mine = ++newest;
    try {
      const value = await request;
      if (mine === newest) take(value);
    } catch (error) {
      if (mine === newest) fail(error instanceof Error ? error : new Error(String(error)));
    }
  };
}

/** latestOnly() kept for the life of a component. */
export function useLatest(): Latest {
  return useState(latestOnly)[0];
}
