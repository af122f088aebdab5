import fs from 'node:fs';

/** Larger files are generated or bundled code, not something a person wrote; reading them would dominate the scan. */
export const MAX_SOURCE_BYTES = 5 * 1024 * 1024;

export interface ReadOutcome {
  /** Undefined when the file could not be used at all. */
  text?: string;
  /** Why the file was skipped or read imperfectly: never silent. */
  warning?: string;
  /** Size and modification time, taken before the read, of a file read from disk. */
  stamp?: FileStamp;
}

/** `[size, mtimeMs]`: what the cache compares, as ESLint's does, before it reads and hashes a file. */
export type FileStamp = [size: number, mtimeMs: number];

/** The stamp of a file on disk, undefined when it cannot be read. */
export function stampOf(absolutePath: string): FileStamp | undefined {
  try {
    const stat = fs.statSync(absolutePath);
    return stat.isFile() ? [stat.size, stat.mtimeMs] : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Reads a source file defensively: missing or unreadable files, huge and binary files are
 * reported and skipped; a BOM is dropped; text that is not UTF-8 is read as Latin-1 so ASCII
 * identifiers still match, with a warning.
 */
export function readSourceFile(absolutePath: string): ReadOutcome {
  let buffer: Buffer;
  let stamp: FileStamp;
  try {
    const stat = fs.statSync(absolutePath);
    if (!stat.isFile()) return { warning: 'skipped: not a regular file' };
    if (stat.size > MAX_SOURCE_BYTES) return { warning: oversized(stat.size) };
    stamp = [stat.size, stat.mtimeMs];
    buffer = fs.readFileSync(absolutePath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { warning: code === 'ENOENT' ? 'skipped: the file disappeared during the scan' : `skipped: cannot read (${code ?? (error as Error).message})` };
  }
  return { ...decodeSource(buffer), stamp };
}

/** The reading policy for file contents from anywhere (disk, the git index): the same warnings, the same decoding. */
export function decodeSource(buffer: Buffer): ReadOutcome {
  if (buffer.length > MAX_SOURCE_BYTES) return { warning: oversized(buffer.length) };
  const utf16 = buffer[0] === 0xff && buffer[1] === 0xfe ? 'utf-16le' : buffer[0] === 0xfe && buffer[1] === 0xff ? 'utf-16be' : undefined;
  if (utf16) return { text: new TextDecoder(utf16).decode(buffer) };
  if (buffer.subarray(0, 8000).includes(0)) return { warning: 'skipped: binary content' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buffer) };
  } catch {
    return { text: buffer.toString('latin1'), warning: 'not valid UTF-8: read as Latin-1' };
  }
}

function oversized(size: number): string {
  return `skipped: ${size} bytes is over the ${MAX_SOURCE_BYTES}-byte limit for source files`;
}
