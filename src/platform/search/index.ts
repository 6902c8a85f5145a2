export { documentVector, normalizeText, searchQuery, segmentWords } from './chinese-text';
