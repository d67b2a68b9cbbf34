// What a thread is about, in words. A FREE_TEXT topic is its own subject. A REASON_CODE topic
// carries one of the marketplace's reason codes (real shops send numbers like "20"); its
// label comes from RE02, per connection. Until a label is known the code is never shown
// bare: "Reason 27", or the words of a code such as DAMAGED_PRODUCT.

export const REASON_CODE_TOPIC = 'REASON_CODE';

export interface Topic {
  type: string;
  value: string;
}

/** The subject shown for a topic, given the label of its reason code when one is known. */
export function topicSubject(topic: Topic, reasonLabel?: string | null): string {
  if (topic.type !== REASON_CODE_TOPIC) return topic.value;
  const label = reasonLabel?.trim();
  if (label) return label;
  const value = topic.value.trim();
  if (/^\d+$/.test(value)) return `Reason ${value}`;
  if (/^[A-Z0-9]+(?:[_-][A-Z0-9]+)*$/.test(value)) {
    const words = value.toLowerCase().replace(/[_-]+/g, ' ');
    return words.charAt(0).toUpperCase() + words.slice(1);
  }
  // Some marketplaces use a text as the code: it reads as it is.
  return value;
}
