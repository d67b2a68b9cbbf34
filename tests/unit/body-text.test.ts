import { describe, expect, it } from 'vitest';
import { bodyToText, previewOf } from '../../src-main/sync/body-text';

describe('readable text from message bodies', () => {
  it('keeps plain text as written, line breaks included', () => {
    expect(bodyToText('Hello,\r\n\r\nmy order 20000037-A is late.\nThanks')).toBe('Hello,\n\nmy order 20000037-A is late.\nThanks');
    expect(bodyToText('2 < 3 and 5 > 4')).toBe('2 < 3 and 5 > 4');
  });

  it('turns e-mail HTML into text: paragraphs and breaks kept, entities decoded', () => {
    const html = '<div>Bonjour,<br>le colis est arriv&eacute; <b>cass&eacute;</b>.</div><p>Merci&nbsp;!</p><p>Łukasz</p>';
    expect(bodyToText(html)).toBe('Bonjour,\nle colis est arrivé cassé.\n\nMerci !\n\nŁukasz');
  });

  it('drops styles, scripts, images and the head', () => {
    const html =
      '<html><head><title>t</title><style>p{color:red}</style></head><body><p>Hi</p><img src="https://tracker.example/p.gif"><script>alert(1)</script></body></html>';
    const text = bodyToText(html);
    expect(text).toBe('Hi');
  });

  it('keeps link targets readable', () => {
    expect(bodyToText('<p>Track it <a href="https://carrier.example/t/1">here</a></p>')).toBe('Track it here [https://carrier.example/t/1]');
  });

  it('makes one-line previews', () => {
    expect(previewOf('a\n\nb   c')).toBe('a b c');
    expect(previewOf('x'.repeat(300), 10)).toBe('xxxxxxxxx…');
  });
});
