export {
  type Classification,
  classifyText,
  defaultEvaluationPath,
  defaultModel,
  defaultSafetySwap,
  defaultTrainingPath,
  type Evaluation,
  evaluate,
  type LabelScore,
  problemTypeTrainingOptions,
  readSafetyReport,
  type SafetyReading,
  type SafetySwap,
  type ScoredType,
  trainModel,
} from './classifier';
export { type LabelledText, parseLabelledCsv, readLabelledCsv, splitByLabel } from './dataset';
export { defaultTrainingOptions, type LinearModel, type TrainingOptions } from './linear-model';
export { MODEL_FORMAT, MODEL_VERSION, type ModelFile, readModelFile, writeModelFile } from './model-file';
export { matchSafetyRule, type SafetyRule, safetyRules } from './safety-rules';
export { problemType } from './problem-type.table';
export {
  listProblemTypes,
  problemTypeDefaults,
  type ProblemTypeChanges,
  type ProblemTypeRow,
  TRIAGE_BELOW,
  type Understanding,
  understandMessage,
  updateProblemType,
} from './problem-type.service';
export { problemTypeRoutes } from './problem-type.routes';
export { type Correction, correctionsAsCsv, recordCorrection } from './correction.service';
export { classificationCorrection } from './correction.table';
