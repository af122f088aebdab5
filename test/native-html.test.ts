import { describe, expect, it } from 'vitest';
import { fileKind } from '../src/engine/scanners.js';
import { located, probeScan } from './helpers/native-probe.js';

const WEB = `  - id: tongji
    category: null
    sdk: baidu-tongji
    message: loads Baidu Tongji
    match:
      - script-src: [hm.baidu.com/hm.js]
  - id: pixel
    category: null
    sdk: facebook
    message: loads the Facebook pixel
    match:
      - url: [facebook.com/tr]
  - id: queue
    category: null
    sdk: baidu-tongji
    message: pushes to the Tongji queue
    match:
      - global: { path: [_hmt.push], kind: call }
      - local: { path: [_hmt.push], kind: call }
  - id: language
    category: locale.language
    message: reads the language
    match:
      - global: { path: [navigator.language] }
`;

describe('HTML pages', () => {
  it('are read from .html and .htm files', () => {
    expect(['web/index.html', 'public/legacy.HTM'].map((f) => fileKind(f))).toEqual(['html', 'html']);
  });

  it('matches <script src> and pixel URLs at their tags, and lints inline scripts at their place in the page', async () => {
    const html = [
      '<!doctype html>',
      '<html><head>',
      '<script async src=https://hm.baidu.com/hm.js?0123456789abcdef></script>',
      '<script>',
      '  var _hmt = _hmt || [];',
      "  _hmt.push(['_trackPageview', location.pathname]);",
      '</script>',
      '</head><body>',
      '<noscript><img height="1" width="1" src="https://www.facebook.com/tr?id=1&amp;ev=PageView"/></noscript>',
      '<p id="l"></p><script type="module">document.getElementById("l").textContent = navigator.language;</script>',
      '</body></html>',
    ].join('\n');
    const { probe, result } = await probeScan(WEB, { 'public/index.html': html });
    expect(located(probe)).toEqual([
      '3:1 tongji <script async src=https://hm.baidu.com/hm.js?0123456789abcdef>',
      "6:3 queue _hmt.push(['_trackPageview', location.pathname])",
      '9:11 pixel <img height="1" width="1" src="https://www.facebook.com/tr?id=1&amp;ev=PageView"/>',
      '10:80 language navigator.language',
    ]);
    expect(result.warnings).toEqual([]);
  });

  it('ignores markup in comments and scripts that are data, but lints scripts a consent manager holds back', async () => {
    const html = [
      '<!-- <script src="https://hm.baidu.com/hm.js?old"></script> -->',
      '<script type="application/ld+json">{ "note": "navigator.language" }</script>',
      '<script type="text/template"><p>{{ navigator.language }}</p></script>',
      '<script type="text/plain" data-cookieconsent="statistics">',
      '  var lang = navigator.language;',
      '</script>',
    ].join('\n');
    const { probe } = await probeScan(WEB, { 'index.htm': html });
    expect(located(probe)).toEqual(['5:14 language navigator.language']);
  });

  it('warns about an inline script that does not parse, names its line, and still searches it', async () => {
    const html = '<html>\n<script>\n  var lang = navigator.language;\n  if ({{ server_flag }}) {}\n</script>\n</html>';
    const { probe, result } = await probeScan(WEB, { 'template.html': html });
    expect(located(probe)).toEqual(['3:14 language navigator.language']);
    expect(result.warnings).toEqual([{ file: 'template.html', message: expect.stringMatching(/^inline <script> at line 2: could not parse \(line 4, /) }]);
  });
});
