import { startTags } from './html-tags';

describe('start tags of a page', () => {
  it('skips comments and script text, decodes entities and keeps the first of a repeated attribute', () => {
    const html = `<!-- <meta name="referrer" content="unsafe-url"> -->
      <script>document.write('<meta name="referrer" content="origin">')</script>
      <META Name=referrer content="no-referrer" content="origin">
      <meta http-equiv="Content-Security-Policy" content="default-src &#39;self&#39;; img-src &quot;x&quot;">
      <script src='/app.js' integrity="sha384-abc"></script>`;
    const tags = startTags(html, new Set(['meta', 'script']));
    expect(tags.map((t) => [t.name, Object.fromEntries(t.attributes)])).toEqual([
      ['script', {}],
      ['meta', { name: 'referrer', content: 'no-referrer' }],
      ['meta', { 'http-equiv': 'Content-Security-Policy', content: `default-src 'self'; img-src "x"` }],
      ['script', { src: '/app.js', integrity: 'sha384-abc' }],
    ]);
  });
});
