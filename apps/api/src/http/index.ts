export { configureApp } from './configure-app';
export { HttpInfraModule } from './http-infra.module';
export { ProblemFilter } from './problem.filter';
export {
  JSON_BODY_LIMIT,
  PROBLEM_CONTENT_TYPE,
  ProblemException,
  toProblem,
  type FieldProblem,
  type Problem,
} from './problem';
export {
  IsBusinessDate,
  IsMoneyString,
  createValidationPipe,
  flattenValidationErrors,
  isBusinessDate,
  isMoneyString,
} from './validation';
