// Benches start services and sinks as child processes; a bench that fails must not leave them
// running (a hung `npm run bench`, a port held). onExit(fn) runs fn once: when the caller calls
// the returned function (in a finally), or when the process exits, is interrupted or dies of an
// uncaught error, whichever comes first. fn must be synchronous (it may run inside 'exit').
export function onExit(fn) {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    process.off('exit', run);
    for (const signal of ['SIGINT', 'SIGTERM']) process.off(signal, onSignal);
    try {
      fn();
    } catch (error) {
      console.error(`cleanup failed: ${error.message}`);
    }
  };
  function onSignal(signal) {
    run();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  }
  process.on('exit', run);
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, onSignal);
  return run;
}

/** Kills these child processes (by their own pids) if they are still running. */
export function killAll(children) {
  for (const child of children) {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}
