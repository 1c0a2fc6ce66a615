// Fill-in-the-blank matching (overrides/assets/javascripts/quizbank/types/fill-blank.js).
import assert from "node:assert/strict";
import { test } from "node:test";

import { describeAccepted, matches, parseAccepted, readNumber } from "../../overrides/assets/javascripts/quizbank/types/fill-blank.js";

const any = (...answers) => ({ any: answers });

test("case, surrounding spaces and repeated inner spaces do not matter", () => {
  const onnx = any("ONNX Runtime", "ONNXRuntime");
  for (const given of ["ONNX Runtime", "onnx runtime", "  ONNX    Runtime ", "onnxruntime", "ONNXRUNTIME"]) assert.ok(matches(onnx, given), given);
  for (const given of ["ONNX", "ONNX-Runtime", "ONNX Run time", "", "   "]) assert.ok(!matches(onnx, given), given);
});

test("a number matches numerically equal forms", () => {
  const eight = any("0.8");
  for (const given of ["0.8", "0.80", ".8", "+0.8", "0.800", "8e-1"]) assert.ok(matches(eight, given), given);
  for (const given of ["0.08", "8", "0.81", "zero point eight", "0,8"]) assert.ok(!matches(eight, given), given);
  assert.ok(matches(any("1000"), "1,000"));
  assert.equal(readNumber("1,000.5"), 1000.5);
  assert.equal(readNumber("1,00"), null);
});

test("a tolerance accepts anything within it, bounds included", () => {
  const f1 = parseAccepted('{"number": "0.84", "tolerance": "0.01"}');
  for (const given of ["0.84", "0.845", "0.83", "0.85", ".835", "0.8400"]) assert.ok(matches(f1, given), given);
  for (const given of ["0.86", "0.8299", "0.8501", "0.82", "about 0.84", ""]) assert.ok(!matches(f1, given), given);
});

test("what the build wrote is checked: an unreadable value accepts nothing", () => {
  assert.deepEqual(parseAccepted('{"any": ["a", "b"]}'), any("a", "b"));
  assert.deepEqual(parseAccepted("not json"), any());
  assert.deepEqual(parseAccepted('{"any": [1]}'), any());
  assert.ok(!matches(parseAccepted("{}"), "anything"));
});

test("the accepted answer reads as written, angle brackets included", () => {
  assert.equal(describeAccepted(any("List<Integer>")), "List<Integer>");
  assert.equal(describeAccepted(any("ONNX Runtime", "ONNXRuntime")), "ONNX Runtime (also accepted: ONNXRuntime)");
  assert.equal(describeAccepted({ number: "0.84", tolerance: "0.01" }), "0.84 ± 0.01 (anything from 0.83 to 0.85)");
});
