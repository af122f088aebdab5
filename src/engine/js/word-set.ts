import { pushTo } from '../../map-of-lists.js';

/**
 * A fixed set of identifiers, found in a text in one pass over its characters. Each run of word
 * characters is hashed as it is read, and only a run whose hash one of the set shares is compared.
 * A regular expression with hundreds of alternatives tries every one of them at each word; this
 * costs the same whatever the size of the set, which is what lets the prefilter grow with the rules.
 */
export class WordSet {
  private readonly byHash = new Map<number, string[]>();
  /** One bit per low 16 bits of a hash: most words of a text are turned away without a map lookup. */
  private readonly seen = new Uint8Array(1 << 16);

  constructor(words: Iterable<string>) {
    for (const word of words) {
      const hash = hashOf(word, 0, word.length);
      pushTo(this.byHash, hash, word);
      this.seen[hash & 0xffff] = 1;
    }
  }

  /**
   * Calls `found` for each occurrence of a word of the set that stands alone (no word character
   * on either side), in text order, until it returns true; returns whether one did.
   */
  some(text: string, found: (word: string, start: number, end: number) => boolean): boolean {
    const length = text.length;
    let i = 0;
    while (i < length) {
      let code = text.charCodeAt(i);
      if (!isWordChar(code)) {
        i++;
        continue;
      }
      const start = i;
      let hash = 0;
      do {
        hash = (Math.imul(hash, 31) + code) | 0;
        code = text.charCodeAt(++i);
      } while (isWordChar(code));
      if (this.seen[hash & 0xffff] === 0) continue;
      for (const word of this.byHash.get(hash) ?? []) {
        if (word.length === i - start && text.startsWith(word, start) && found(word, start, i)) return true;
      }
    }
    return false;
  }
}

function hashOf(text: string, start: number, end: number): number {
  let hash = 0;
  for (let i = start; i < end; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
  return hash;
}

/** `[A-Za-z0-9_$]`, the characters of an ASCII identifier; NaN (past the end) is not. */
function isWordChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === 36;
}
