"""Rebuilds an ONNX graph (float or int8 QDQ / QLinear) as a trainable torch module.

Quantised weights are dequantised once ((q - zero_point) * scale) and become float parameters; activation
quantise/dequantise pairs are dropped (float training). Only the operators the opencv_zoo MobileFaceNet uses
are supported; anything else fails loudly with the operator's name.
"""
import numpy as np
import onnx
import torch
import torch.nn.functional as F
from onnx import numpy_helper


def _attrs(node):
    return {a.name: onnx.helper.get_attribute_value(a) for a in node.attribute}


def _dequant(q, scale, zero_point, axis=1):
    q = q.astype(np.float32)
    zero_point = zero_point.astype(np.float32)
    if np.ndim(scale) == 0 or np.size(scale) == 1:
        return (q - zero_point) * np.float32(scale)
    shape = [1] * q.ndim
    shape[axis] = -1
    return (q - zero_point.reshape(shape)) * scale.astype(np.float32).reshape(shape)


class OnnxGraphModule(torch.nn.Module):
    """Executes the ONNX node list in order; conv/gemm weights, biases and PReLU slopes are Parameters."""

    def __init__(self, model_path):
        super().__init__()
        model = onnx.load(model_path)
        graph = model.graph
        self.consts = {init.name: numpy_helper.to_array(init) for init in graph.initializer}
        for node in graph.node:
            if node.op_type == "Constant":
                self.consts[node.output[0]] = numpy_helper.to_array(_attrs(node)["value"])
        self.input_name = graph.input[0].name
        self.output_name = graph.output[0].name
        self.params = torch.nn.ParameterDict()
        self.plan = []
        self.float_consts = {}
        self._build(graph)

    def _const_float(self, name):
        """Float value of a constant, following a DequantizeLinear of constant inputs if needed."""
        if name in self.float_consts:
            return self.float_consts[name]
        if name in self.consts:
            return self.consts[name].astype(np.float32)
        raise KeyError(name)

    def _param(self, key, value):
        safe = f"p{len(self.params)}"
        self.params[safe] = torch.nn.Parameter(torch.from_numpy(np.ascontiguousarray(value, dtype=np.float32)))
        return safe

    def _build(self, graph):
        alias = {}
        for node in graph.node:
            op = node.op_type
            ins = [alias.get(i, i) for i in node.input]
            a = _attrs(node)
            if op == "Constant":
                continue
            if op == "DequantizeLinear" and ins[0] in self.consts:
                zp = self.consts[ins[2]] if len(ins) > 2 and ins[2] else np.zeros((), np.int8)
                self.float_consts[node.output[0]] = _dequant(
                    self.consts[ins[0]], self.consts[ins[1]], zp, a.get("axis", 1)
                )
                continue
            if op in ("QuantizeLinear", "DequantizeLinear"):
                alias[node.output[0]] = ins[0]
                continue
            if op == "QLinearConv":
                w = _dequant(self.consts[ins[3]], self.consts[ins[4]], self.consts[ins[5]], 0)
                b = None
                if len(ins) > 8 and ins[8]:
                    b = self.consts[ins[8]].astype(np.float32) * (
                        self.consts[ins[1]].astype(np.float32) * self.consts[ins[4]].astype(np.float32)
                    )
                self._add_conv(node, [ins[0]], w, b, a)
                continue
            if op == "QLinearAdd":
                if ins[3] in self.consts:
                    b = _dequant(self.consts[ins[3]], self.consts[ins[4]], self.consts[ins[5]])
                    self.plan.append(("addc", [ins[0]], node.output[0], {"w": self._param("addc", b)}))
                else:
                    self.plan.append(("add", [ins[0], ins[3]], node.output[0], {}))
                continue
            if op == "QLinearMatMul":
                w = _dequant(self.consts[ins[3]], self.consts[ins[4]], self.consts[ins[5]], 1).T
                self.plan.append(("gemm", [ins[0]], node.output[0], {"w": self._param("mm", w), "b": None}))
                continue
            if op == "Conv":
                w = self._const_float(ins[1])
                b = self._const_float(ins[2]) if len(ins) > 2 and ins[2] else None
                self._add_conv(node, [ins[0]], w, b, a)
                continue
            if op == "PRelu":
                slope = self._const_float(ins[1])
                self.plan.append(("prelu", [ins[0]], node.output[0], {"w": self._param("prelu", slope)}))
                continue
            if op == "Gemm":
                w = self._const_float(ins[1])
                if a.get("transB", 0) == 0:
                    w = w.T
                b = self._const_float(ins[2]) if len(ins) > 2 and ins[2] else None
                spec = {"w": self._param("gemm", w), "b": self._param("gemm_b", b) if b is not None else None}
                self.plan.append(("gemm", [ins[0]], node.output[0], spec))
                continue
            if op == "MatMul" and ins[1] in self.float_consts or op == "MatMul" and ins[1] in self.consts:
                w = self._const_float(ins[1]).T
                self.plan.append(("gemm", [ins[0]], node.output[0], {"w": self._param("mm", w), "b": None}))
                continue
            if op == "Add" and (ins[1] in self.consts or ins[1] in self.float_consts):
                b = self._const_float(ins[1])
                self.plan.append(("addc", [ins[0]], node.output[0], {"w": self._param("addc", b)}))
                continue
            if op == "BatchNormalization":
                spec = {k: self._param("bn", self._const_float(n)) for k, n in zip(("g", "b", "m", "v"), ins[1:5])}
                spec["eps"] = a.get("epsilon", 1e-5)
                self.plan.append(("bn", [ins[0]], node.output[0], spec))
                continue
            if op in ("Add", "Relu", "Flatten", "Reshape", "GlobalAveragePool", "Identity", "Mul", "Sigmoid"):
                self.plan.append((op.lower(), ins, node.output[0], dict(a)))
                continue
            raise NotImplementedError(f"ONNX op {op} ({node.name}) is not supported by onnx_to_torch")
        self.output_name = alias.get(self.output_name, self.output_name)

    def _add_conv(self, node, ins, w, b, a):
        spec = {
            "w": self._param("conv", w),
            "b": self._param("conv_b", b) if b is not None else None,
            "stride": tuple(a.get("strides", [1, 1])),
            "pad": a.get("pads", [0, 0, 0, 0]),
            "dilation": tuple(a.get("dilations", [1, 1])),
            "groups": a.get("group", 1),
        }
        self.plan.append(("conv", ins, node.output[0], spec))

    def forward(self, x):
        env = {self.input_name: x}
        p = self.params
        for op, ins, out, s in self.plan:
            v = env[ins[0]]
            if op == "conv":
                pad = s["pad"]
                if pad[0] == pad[2] and pad[1] == pad[3]:
                    padding = (pad[0], pad[1])
                else:
                    v = F.pad(v, (pad[1], pad[3], pad[0], pad[2]))
                    padding = (0, 0)
                env[out] = F.conv2d(v, p[s["w"]], p[s["b"]] if s["b"] else None, s["stride"], padding,
                                    s["dilation"], s["groups"])
            elif op == "prelu":
                w = p[s["w"]]
                env[out] = F.prelu(v, w.reshape(-1)) if w.numel() > 1 else F.prelu(v, w.reshape(1))
            elif op == "gemm":
                env[out] = F.linear(v, p[s["w"]], p[s["b"]] if s["b"] else None)
            elif op == "addc":
                env[out] = v + p[s["w"]]
            elif op == "bn":
                env[out] = F.batch_norm(v, p[s["m"]], p[s["v"]], p[s["g"]], p[s["b"]], False, 0.0, s["eps"])
            elif op == "add":
                env[out] = v + env[ins[1]]
            elif op == "mul":
                env[out] = v * (env[ins[1]] if ins[1] in env else torch.from_numpy(self._const_float(ins[1])))
            elif op == "relu":
                env[out] = F.relu(v)
            elif op == "sigmoid":
                env[out] = torch.sigmoid(v)
            elif op == "flatten":
                env[out] = torch.flatten(v, s.get("axis", 1))
            elif op == "reshape":
                shape = [int(d) for d in self._const_float(ins[1])]
                env[out] = v.reshape([v.shape[0]] + shape[1:] if shape[0] in (1, -1) else shape)
            elif op == "globalaveragepool":
                env[out] = v.mean(dim=(2, 3), keepdim=True)
            elif op == "identity":
                env[out] = v
        return env[self.output_name]
