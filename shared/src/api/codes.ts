/** Wire shapes of `/api/codes/batches…` (the server issues them, the admin page reads them). */

/** What a batch's codes are for (unit, group, place), how many, the office's note and when they expire. */
export type CodeBatchTerms = {
  unitId: string
  groupId: string
  locationId: string | null
  count: number
  note: string | null
  expiresAt: string | null
}

export type CodeBatch = CodeBatchTerms & {
  id: number
  surveyId: string
  surveyVersion: number
  createdAt: string
  createdBy: number | null
}

/** A batch with how many of its codes are issued, used and expired. */
export type CodeBatchSummary = CodeBatch & { issued: number; used: number; expired: number }

export type CodeStatus = 'unused' | 'used' | 'expired'
/** `code` as printed: `XXXX-XXXX-XXXX-XXXX`. */
export type IssuedCode = { code: string; status: CodeStatus; usedAt: string | null; responseId: string | null }
/** `POST /api/codes/batches` (201) and `GET /api/codes/batches/:id`: a batch with its codes. */
export type BatchWithCodes = CodeBatchSummary & { codes: IssuedCode[] }
/** `GET /api/codes/batches?surveyId=…[&version=…]` */
export type CodeBatchList = { batches: CodeBatchSummary[] }

/** The body of `POST /api/codes/batches` (server/src/codes/batch-input.ts checks each field). */
export type CodeBatchRequest = {
  surveyId: string
  version: number
  unitId: string
  groupId: string
  locationId: string | null
  count: number
  note?: string
  /** A day (YYYY-MM-DD, Vietnam time) or an instant; absent means the end of the round. */
  expiresAt?: string
}
