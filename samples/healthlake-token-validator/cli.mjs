// Runs the validator once: HealthLake's event as JSON on stdin, the answer as JSON on stdout, with the time the
// handler took (ms) on stderr. ISSUER names the realm. For tests and for measuring against a real Keycloak.
import { createValidator } from './validator.mjs';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const event = JSON.parse(Buffer.concat(chunks).toString('utf8'));
const handler = createValidator({ issuer: process.env.ISSUER, iamRoleArn: process.env.IAM_ROLE_ARN });
const rounds = Number(process.env.ROUNDS || 1);
const times = [];
let answer;
for (let i = 0; i < rounds; i += 1) {
  const started = process.hrtime.bigint();
  answer = await handler(event);
  times.push(Number(process.hrtime.bigint() - started) / 1e6);
}
process.stdout.write(JSON.stringify(answer));
process.stderr.write(JSON.stringify({ firstMs: times[0], lastMs: times[times.length - 1], maxMs: Math.max(...times) }));
