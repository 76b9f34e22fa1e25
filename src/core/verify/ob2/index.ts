/** OB 2.0 verification, offline (notes section 6). */
export { ob2FormOf, isOb2Document, type Ob2Form } from './detect.js';
export {
  documentKey,
  NO_OB2_DOCUMENTS,
  ob2DocumentsFromEntries,
  type Ob2Documents,
  type Ob2Lookup,
} from './documents.js';
export { verifyOb2, type Ob2Outcome, type Ob2VerifyInput } from './verify-ob2.js';
