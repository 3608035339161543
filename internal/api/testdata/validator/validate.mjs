// Validates an OpenAPI document (the file named on the command line) against the official
// OpenAPI schema of its version, and checks that every $ref resolves. Prints "valid" or the errors
// and exits 1. Run by TestOpenAPIDocumentIsValid in internal/api.
import { Validator } from "@seriousme/openapi-schema-validator";

const file = process.argv[2];
const validator = new Validator();
const res = await validator.validate(file);
if (!res.valid) {
  console.log(JSON.stringify(res.errors, null, 2));
  process.exit(1);
}
try {
  validator.resolveRefs(); // throws when a $ref points nowhere
} catch (e) {
  console.log("unresolved reference: " + e.message);
  process.exit(1);
}
console.log(`valid OpenAPI ${validator.version}`);
