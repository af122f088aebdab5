/**
 * Published policies arrive as whatever bytes a CMS, a static-site generator or a copy from a
 * web page produced. These functions turn them into the text the author meant.
 */

const UTF8 = new TextDecoder('utf-8', { fatal: true });
const UTF8_LENIENT = new TextDecoder('utf-8');
const UTF16LE = new TextDecoder('utf-16le');
const UTF16BE = new TextDecoder('utf-16be');
const GB18030 = new TextDecoder('gb18030');
const WINDOWS_1252 = new TextDecoder('windows-1252');

/**
 * Decodes a policy file: a byte-order mark wins; otherwise strict UTF-8, then GB18030 (Chinese
 * policies saved by older Windows tools), then Windows-1252. The result is passed through
 * {@link repairMojibake}.
 */
export function decodePolicyBytes(bytes: Uint8Array): string {
  let text: string;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) text = UTF8_LENIENT.decode(bytes.subarray(3));
  else if (bytes[0] === 0xff && bytes[1] === 0xfe) text = UTF16LE.decode(bytes.subarray(2));
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = UTF16BE.decode(bytes.subarray(2));
  else text = decodeUnmarked(bytes);
  return repairMojibake(text);
}

function decodeUnmarked(bytes: Uint8Array): string {
  try {
    return UTF8.decode(bytes);
  } catch {
    const chinese = GB18030.decode(bytes);
    // GB18030 accepts almost any byte sequence; only trust it when it yields Chinese text.
    if (/[\u4e00-\u9fff]{2}/.test(chinese) && !chinese.includes('\ufffd')) return chinese;
    return WINDOWS_1252.decode(bytes);
  }
}

/** Windows-1252 characters for bytes 0x80-0x9F; other bytes below 0x100 map to the same code point. */
const CP1252_HIGH: Record<string, number> = {
  '€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, 'ˆ': 0x88, '‰': 0x89,
  'Š': 0x8a, '‹': 0x8b, 'Œ': 0x8c, 'Ž': 0x8e, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95,
  '–': 0x96, '—': 0x97, '˜': 0x98, '™': 0x99, 'š': 0x9a, '›': 0x9b, 'œ': 0x9c, 'ž': 0x9e, 'Ÿ': 0x9f,
};

const SUSPECT_RUN = /[\u0080-\u00ff€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]{2,}/g;

function byteOf(ch: string): number | undefined {
  const mapped = CP1252_HIGH[ch];
  if (mapped !== undefined) return mapped;
  const code = ch.charCodeAt(0);
  return code >= 0x80 && code <= 0xff ? code : undefined;
}

/** Length of the UTF-8 sequence a lead byte announces, or 0 for a byte that cannot lead one. */
function sequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/**
 * Undoes UTF-8 that was decoded as Windows-1252 or Latin-1 ("companyâ€™s" -> "company’s",
 * "æˆ‘ä»¬" -> "我们"). Only runs of two or more suspect characters that form valid UTF-8
 * sequences are rewritten, so genuine accented text ("café") is left alone. Newlines are never
 * touched, so line numbers survive.
 */
export function repairMojibake(text: string): string {
  return text.replace(SUSPECT_RUN, (run) => {
    const chars = [...run];
    let out = '';
    let i = 0;
    while (i < chars.length) {
      const lead = byteOf(chars[i]!);
      const length = lead === undefined ? 0 : sequenceLength(lead);
      if (length > 0 && i + length <= chars.length) {
        const bytes = chars.slice(i, i + length).map(byteOf);
        if (bytes.every((b) => b !== undefined)) {
          try {
            out += UTF8.decode(Uint8Array.from(bytes as number[]));
            i += length;
            continue;
          } catch {
            // not a UTF-8 sequence after all: keep the character as written
          }
        }
      }
      out += chars[i]!;
      i += 1;
    }
    return out;
  });
}
