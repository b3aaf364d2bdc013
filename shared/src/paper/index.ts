export {
  paperForm,
  type PaperForm,
  type PaperItem,
  type PaperNote,
  type PaperOption,
  type PaperQuestion,
  type PaperSection,
} from './form.ts'
export { paperCopies, PAPER_PRINT_LIMIT, type PaperCopy, type PaperRequest } from './print-job.ts'
export { conditionWords } from './condition-words.ts'
