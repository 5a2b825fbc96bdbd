// What was read of a file, kept by a face that runs for long (the app keeps it per content,
// keyed by the file's bytes): an unchanged file is not read again, so deciding a scan row
// re-applies the corrections to pages already read instead of reading the scan again. The
// CLI reads each file once and passes none.

export interface ReadMemo {
  /** `read()`'s result for `file` under `what`, from before when the file has not changed since. */
  recall<T>(file: string, what: string, read: () => Promise<T>): Promise<T>;
}
