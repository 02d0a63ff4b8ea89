"""Networks the lab trains from scratch (`--arch`), beside `onnx` (an ONNX graph rebuilt by onnx_to_torch).

They take the same input as the lab's MobileFaceNet (3x112x112, five-point aligned, (x/255-0.5)/0.5), so the agent
runs them through the same adapter. FER2013 faces are 48x48 upscaled, so the first two convolutions stride to
28x28: nothing finer exists to see, and most of the CPU goes to layers that can still learn something.
"""
import torch
from torch import nn


class BasicBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.short = None
        if stride != 1 or cin != cout:
            self.short = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        out = torch.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return torch.relu(out + (x if self.short is None else self.short(x)))


class ResNetS(nn.Module):
    """A small residual network: stem 112 -> 56 -> 28, then stages of basic blocks (each after the first halves the
    resolution), global average pool, dropout, linear."""

    def __init__(self, widths, blocks, classes=7, dropout=0.3):
        super().__init__()
        w0 = widths[0]
        self.stem = nn.Sequential(
            nn.Conv2d(3, w0 // 2, 3, 2, 1, bias=False), nn.BatchNorm2d(w0 // 2), nn.ReLU(inplace=True),
            nn.Conv2d(w0 // 2, w0, 3, 2, 1, bias=False), nn.BatchNorm2d(w0), nn.ReLU(inplace=True),
        )
        layers, cin = [], w0
        for i, (w, n) in enumerate(zip(widths, blocks)):
            for j in range(n):
                layers.append(BasicBlock(cin, w, 2 if (i > 0 and j == 0) else 1))
                cin = w
        self.stages = nn.Sequential(*layers)
        self.drop = nn.Dropout(dropout)
        self.fc = nn.Linear(cin, classes)
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")
        # Each block starts as the identity: a deep network from scratch trains as a shallow one first.
        for m in self.modules():
            if isinstance(m, BasicBlock):
                nn.init.zeros_(m.bn2.weight)

    def forward(self, x):
        x = self.stages(self.stem(x))
        return self.fc(self.drop(x.mean((2, 3))))


# resnet-s: 3.6 M parameters, 56 -> 28 -> 14 -> 7 -> 4; about 185 training images/s on this 2-core machine (batch
# 64, network only), against 101 for a (64, 128, 256) x (2, 2, 2) net of 2.8 M measured the same way.
ARCHS = {
    "resnet-s": lambda: ResNetS(widths=(48, 96, 192, 384), blocks=(1, 2, 2, 1)),
}


def build(arch):
    if arch not in ARCHS:
        raise ValueError(f"--arch {arch}: expected onnx or one of {', '.join(sorted(ARCHS))}")
    return ARCHS[arch]()
