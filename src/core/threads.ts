/**
 * The Node flags a worker thread may inherit: the parent's, but not those
 * that only make sense for the main script (`-e` code, `--input-type`), which
 * a worker refuses.
 */
export function workerExecArgv(): string[] {
  return process.execArgv.filter((a) => !/^--(input-type|eval|print)\b|^-[ep]$/.test(a));
}
