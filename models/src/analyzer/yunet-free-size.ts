/**
 * YuNet is fully convolutional (OpenCV's FaceDetectorYN runs it at any input size), but opencv_zoo's ONNX file
 * declares a fixed 1×3×640×640 input, so onnxruntime would make a 16:9 frame pay for 44 % black padding.
 * This rewrites the height and width of that declared input to unknown dimensions. Each encoded
 * `Dimension { dim_value: 640 }` (0a 03 08 80 05) becomes `Dimension { denotation: "H" | "W" }` (0a 03 1a 01 ..):
 * the same byte length, so no enclosing length prefix changes and the rest of the file is untouched.
 * Returns undefined when the file does not carry that input shape (another YuNet export): use it as it is.
 */
export function withFreeYunetInputSize(model: Uint8Array): Uint8Array | undefined {
  // Dimensions 1, 3, 640, 640 of the input's TensorShapeProto, as protobuf encodes them.
  const shape = [
    0x0a, 0x02, 0x08, 0x01, 0x0a, 0x02, 0x08, 0x03, 0x0a, 0x03, 0x08, 0x80, 0x05, 0x0a, 0x03, 0x08, 0x80, 0x05,
  ];
  const at = findUnique(model, shape);
  if (at === undefined) return undefined;
  const out = model.slice();
  out.set([0x1a, 0x01, 0x48], at + 10); // height: denotation "H"
  out.set([0x1a, 0x01, 0x57], at + 15); // width: denotation "W"
  return out;
}

function findUnique(bytes: Uint8Array, pattern: readonly number[]): number | undefined {
  let found: number | undefined;
  for (let i = 0; i + pattern.length <= bytes.length; i++) {
    let k = 0;
    while (k < pattern.length && bytes[i + k] === pattern[k]) k++;
    if (k < pattern.length) continue;
    if (found !== undefined) return undefined;
    found = i;
  }
  return found;
}
