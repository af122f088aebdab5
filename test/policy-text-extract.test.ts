import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodePolicyBytes, extractDisclosures, repairMojibake } from '../src/policy-text/index.js';
import { documentBlocks, splitSentences } from '../src/policy-text/sentences.js';

function sentences(text: string, format: 'markdown' | 'html' = 'markdown'): string[] {
  return documentBlocks(text, format).flatMap((b, i) => splitSentences(b, i).map((s) => `${s.line}:${s.text}`));
}

describe('decoding', () => {
  it('repairs UTF-8 read as Windows-1252, in English and Chinese, and leaves real accents alone', () => {
    expect(repairMojibake('our companyâ€™s website')).toBe('our company’s website');
    expect(repairMojibake('æˆ‘ä»¬ä¼šæ”¶é›†')).toBe('我们会收集');
    expect(repairMojibake('a cafÃ© and a café')).toBe('a café and a café');
  });

  it('reads a byte-order mark, GB18030 and UTF-16', () => {
    expect(decodePolicyBytes(Buffer.from('\uFEFFIP address', 'utf8'))).toBe('IP address');
    expect(decodePolicyBytes(Buffer.from([0xce, 0xd2, 0xc3, 0xc7, 0xbb, 0xe1, 0xca, 0xd5, 0xbc, 0xaf]))).toBe('我们会收集');
    expect(decodePolicyBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('IMEI', 'utf16le')]))).toBe('IMEI');
  });
});

describe('sentences', () => {
  it('splits English on full stops but not after abbreviations, initials or inside domain names', () => {
    expect(sentences('We use e.g. cookies. Contact J. Smith at www.example.com. Done!')).toEqual([
      '1:We use e.g. cookies.',
      '1:Contact J. Smith at www.example.com.',
      '1:Done!',
    ]);
  });

  it('splits Chinese on 。！？；', () => {
    expect(sentences('我们收集IP地址；我们使用Cookie。您同意吗？是的！')).toEqual(['1:我们收集IP地址；', '1:我们使用Cookie。', '1:您同意吗？', '1:是的！']);
  });

  it('keeps the line each sentence starts on across soft-wrapped Markdown and HTML', () => {
    expect(sentences('---\ntitle: x\n---\nWe collect your\nIP address. We use\ncookies.')).toEqual(['4:We collect your IP address.', '5:We use cookies.']);
    expect(sentences('<p>One.\n</p>\n<ul>\n<li>Two &amp; three</li></ul>', 'html')).toEqual(['1:One.', '4:Two & three']);
  });

  it('treats list items, headings and table rows as their own blocks', () => {
    expect(sentences('# Title\nIntro:\n- first item\n- second item\n\n| a | b |\n|---|---|\n| c | d |')).toEqual([
      '1:Title',
      '2:Intro:',
      '3:first item',
      '4:second item',
      '6:a | b',
      '8:c | d',
    ]);
  });
});

describe('extractDisclosures', () => {
  it('never throws, and every line it reports exists, on arbitrary text', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.constantFrom('IMEI', ' IP address', '我们不会收集', '<p>', '</li>', '\n', '- ', '# ', 'Umeng', '：', '。', 'â€™')), { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        const lines = text.split(/\r\n|\r|\n/).length;
        for (const source of ['p.md', 'p.html']) {
          for (const d of extractDisclosures(text, source).disclosures) {
            expect(d.line).toBeGreaterThanOrEqual(1);
            expect(d.line).toBeLessThanOrEqual(lines);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('quotes a window around the term in a very long sentence', () => {
    const filler = 'and many other details of the service that are described elsewhere '.repeat(10);
    const [d] = extractDisclosures(`We keep ${filler} together with your IMEI ${filler}.`, 'p.md').disclosures;
    expect(d!.quote.length).toBeLessThan(300);
    expect(d!.quote).toMatch(/^….*IMEI.*…$/);
  });

  it('reads a long policy quickly', () => {
    const paragraph = 'We collect your IP address, device identifiers and approximate location. We do not collect your IMEI. Our partners use cookies.\n\n';
    const start = performance.now();
    const result = extractDisclosures(paragraph.repeat(2000), 'p.md');
    expect(result.disclosures).toHaveLength(10000);
    expect(performance.now() - start).toBeLessThan(20000);
  });
});
