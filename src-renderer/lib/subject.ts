// Subjects as people read them: Mirakl's reason-code topics (DAMAGED_PRODUCT) become words.

export function displaySubject(subject: string): string {
  const trimmed = subject.trim();
  if (trimmed === '') return '(no subject)';
  if (/^[A-Z0-9]+(?:_[A-Z0-9]+)*$/.test(trimmed) && /[A-Z]{3}/.test(trimmed)) {
    const words = trimmed.replace(/_/g, ' ').toLowerCase();
    return words[0]!.toUpperCase() + words.slice(1);
  }
  return trimmed;
}
