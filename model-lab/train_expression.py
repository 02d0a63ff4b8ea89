#!/usr/bin/python3
"""Fine-tunes the RAF-DB MobileFaceNet (dequantised from opencv_zoo's int8 ONNX) on FER2013-train on CPU, or
trains one of model-lab/nets.py's networks from scratch (--arch).

One command per step:
  train   model-lab/train_expression.py train --run-dir DIR [--resume] ...   (checkpoints in DIR, record DIR/record.json)
  export  model-lab/train_expression.py export --run-dir DIR --out models/lab [--checkpoint best|last]
  check   model-lab/train_expression.py check-determinism --fer DIR           (two one-step runs, identical weights)
  batch   model-lab/train_expression.py symbolic-batch --out models/lab --id ID  (an export made with batch 1 takes
          any batch: same weights and graph, only the first dimension of input and output becomes "N")
See docs/model-lab.md.
"""
import argparse
import copy
import hashlib
import json
import os
import platform
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from face_data import (  # noqa: E402
    LABELS, LandmarkFile, is_validation, list_labelled, load_sample, photometric, sha256_file,
    taiwan_performer, to_tensor_layout, warp_face,
)
from metrics import DISSATISFIED, evaluate  # noqa: E402
from nets import ARCHS, build as build_net  # noqa: E402
from onnx_to_torch import OnnxGraphModule  # noqa: E402

DEFAULT_INIT = "/work/shared/models/facial_expression_recognition_mobilefacenet_2022july_int8.onnx"
AUG = {"rotate": 10.0, "scale": 0.08, "shift": 0.04, "contrast": 0.3, "brightness": 0.15, "grey": 0.3}


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("step", choices=["train", "export", "check-determinism", "symbolic-batch"])
    p.add_argument("--run-dir", help="checkpoints, log and record (outside git, e.g. /work/lab-runs/<run>)")
    p.add_argument("--fer", help="extracted fer2013-train.tar: folder with train/<label>/*.jpg or <label>/*.jpg")
    p.add_argument("--taiwan", help="taiwan-dev folder (<label>/taiwan-PPTVLnn.jpg); optional")
    p.add_argument("--taiwan-train-performers", default="", help="comma list of performer numbers to train on")
    p.add_argument("--arch", default="onnx", choices=["onnx", *sorted(ARCHS)],
                   help="onnx: rebuild --init's graph and fine-tune it; otherwise a model-lab/nets.py network, "
                        "trained from scratch (--init unused)")
    p.add_argument("--init", default=None,
                   help="network to start from (ONNX, int8 or float); train: default the mirror's int8 MobileFaceNet; "
                        "export: default the run's own, from its checkpoint's record")
    p.add_argument("--taiwan-landmarks", help="JSON from model-lab/scripts/dump-landmarks.ts for --taiwan")
    p.add_argument("--epochs", type=int, default=6)
    p.add_argument("--samples-per-epoch", type=int, default=0, help="0 = every training sample once")
    p.add_argument("--taiwan-repeat", type=int, default=4, help="times each Taiwan training image appears per epoch")
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--lr", type=float, default=3e-4)
    p.add_argument("--weight-decay", type=float, default=1e-4)
    p.add_argument("--val-mod", type=int, default=12, help="1/val_mod of FER2013-train held out (file-name hash)")
    p.add_argument("--seed", type=int, default=16)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--checkpoint-minutes", type=float, default=10.0)
    p.add_argument("--freeze-convs", type=int, default=0,
                   help="keep the first N convolutions (and their PReLUs) fixed: the high-resolution stem is most of "
                        "the cost and generic")
    p.add_argument("--dissatisfied-weight", type=float, default=0.0,
                   help="weight of an added binary loss on P(angry) + P(disgust): the SMS decision itself")
    p.add_argument("--mixup", type=float, default=0.0,
                   help="mixup alpha: each batch is blended with a shuffled copy of itself, weight ~ Beta(a, a); "
                        "0 = off. Against a network that remembers training faces")
    p.add_argument("--resume", action="store_true")
    p.add_argument("--out", help="export: output folder")
    p.add_argument("--checkpoint", default="best", choices=["best", "last"])
    p.add_argument("--id", default="fer-mobilefacenet-lab", help="export: model id")
    p.add_argument("--sample-images", type=int, default=8, help="check-determinism: images in the tiny sample")
    args = p.parse_args(argv)
    if args.init is None and args.step != "export" and args.arch == "onnx":
        args.init = DEFAULT_INIT
    if args.arch != "onnx" and args.freeze_convs:
        p.error(f"--freeze-convs fixes layers of a pretrained graph; --arch {args.arch} trains from scratch")
    return args


def fer_root(path):
    return os.path.join(path, "train") if os.path.isdir(os.path.join(path, "train")) else path


def build_items(args):
    fer = list_labelled(fer_root(args.fer))
    train = [(p, y, "fer") for p, y in fer if not is_validation(p, args.val_mod)]
    val = [(p, y, "fer") for p, y in fer if is_validation(p, args.val_mod)]
    taiwan_train, taiwan_val = [], []
    wanted = {p.strip().zfill(2) for p in args.taiwan_train_performers.split(",") if p.strip()}
    if args.taiwan:
        for p, y in list_labelled(args.taiwan):
            (taiwan_train if taiwan_performer(os.path.basename(p)) in wanted else taiwan_val).append((p, y, "taiwan"))
    return train, val, taiwan_train, taiwan_val


def load_all(items, landmarker):
    cache = []
    for p, y, source in items:
        rgb, marks = load_sample(p, landmarker if source == "taiwan" else None)
        cache.append((rgb, marks, y))
    return cache


def data_hash(items):
    h = hashlib.sha256()
    for p, y, _ in items:
        h.update(f"{os.path.basename(p)}\t{y}\t{sha256_file(p)}\n".encode())
    return h.hexdigest()


def class_weights(labels):
    counts = np.bincount(labels, minlength=len(LABELS)).astype(np.float64)
    w = np.sqrt(counts.max() / np.maximum(counts, 1))
    return torch.tensor(np.minimum(w, 4.0), dtype=torch.float32)


# True for the classes the SMS counts as dissatisfied (angry, disgust), in LABELS order.
DISSATISFIED_MASK = torch.zeros(len(LABELS), dtype=torch.bool)
DISSATISFIED_MASK[list(DISSATISFIED)] = True


def dissatisfied_logit(logits):
    """log odds of P(angry) + P(disgust) against the other classes, from the 7 logits."""
    return torch.logsumexp(logits[:, DISSATISFIED_MASK], 1) - torch.logsumexp(logits[:, ~DISSATISFIED_MASK], 1)


def make_loss(weights, args):
    """Cross-entropy over the 7 classes, plus (when --dissatisfied-weight > 0) a binary loss on the grouped
    dissatisfied probability: the 7-class loss does not care whether an angry face's mass goes to sad or to
    disgust, the SMS does."""
    ce = torch.nn.CrossEntropyLoss(weight=weights, label_smoothing=0.05)
    if not args.dissatisfied_weight:
        return ce

    def loss(logits, y):
        target = DISSATISFIED_MASK[y].float()
        return ce(logits, y) + args.dissatisfied_weight * torch.nn.functional.binary_cross_entropy_with_logits(
            dissatisfied_logit(logits), target)
    return loss


def training_loss(model, loss_fn, x, y, rng, args):
    """The loss of one batch; with --mixup, of the batch blended with a shuffled copy of itself (the loss is the
    same blend of the two labels' losses). Draws from rng only when mixup is on, so runs without it are unchanged."""
    if not args.mixup:
        return loss_fn(model(x), y)
    lam = float(rng.beta(args.mixup, args.mixup))
    perm = torch.from_numpy(rng.permutation(len(y)))
    logits = model(lam * x + (1 - lam) * x[perm])
    return lam * loss_fn(logits, y) + (1 - lam) * loss_fn(logits, y[perm])


def batch_tensor(cache, indices, rng):
    xs, ys = [], []
    for i in indices:
        rgb, marks, y = cache[i]
        img = warp_face(rgb, marks, rng, AUG) if rng is not None else warp_face(rgb, marks)
        if rng is not None:
            img = photometric(img, rng, AUG)
        xs.append(to_tensor_layout(img))
        ys.append(y)
    return torch.from_numpy(np.stack(xs)), torch.tensor(ys, dtype=torch.long)


@torch.no_grad()
def predict(model, cache, batch=128):
    model.eval()
    out = []
    for s in range(0, len(cache), batch):
        x, _ = batch_tensor(cache, range(s, min(s + batch, len(cache))), None)
        out.append(model(x).numpy())
    return np.concatenate(out), np.array([c[2] for c in cache])


def epoch_order(n_fer, n_taiwan, args, epoch):
    rng = np.random.default_rng([args.seed, epoch])
    order = np.r_[np.arange(n_fer), np.tile(np.arange(n_fer, n_fer + n_taiwan), args.taiwan_repeat)]
    rng.shuffle(order)
    if args.samples_per_epoch:
        order = order[: args.samples_per_epoch]
    return order[: len(order) // args.batch * args.batch]


def save_atomic(obj, path):
    tmp = f"{path}.tmp"
    torch.save(obj, tmp)
    os.replace(tmp, path)


def write_json(obj, path):
    tmp = f"{path}.tmp"
    with open(tmp, "w") as f:
        json.dump(obj, f, indent=2)
    os.replace(tmp, path)


def freeze(model, n_convs):
    seen = 0
    for op, _, _, spec in model.plan:
        if op == "conv":
            seen += 1
        if seen > n_convs:
            break
        for key in ("w", "b"):
            if spec.get(key):
                model.params[spec[key]].requires_grad_(False)


def make_optimizer(model, args, total_steps):
    if args.freeze_convs:
        freeze(model, args.freeze_convs)
    opt = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=args.lr, weight_decay=args.weight_decay)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=args.lr, total_steps=total_steps, pct_start=0.1,
                                                anneal_strategy="cos", div_factor=10.0, final_div_factor=100.0)
    return opt, sched


def make_model(arch, init):
    """The network a run trains: a rebuilt ONNX graph (arch onnx) or a nets.py network from scratch."""
    return OnnxGraphModule(init) if arch == "onnx" else build_net(arch)


def new_record(args, train, val, tw_train, tw_val):
    return {
        "script": "model-lab/train_expression.py",
        "arch": args.arch,
        "init": ({"file": os.path.basename(args.init), "sha256": sha256_file(args.init)} if args.arch == "onnx"
                 else {"scratch": True, "torchSeed": args.seed}),
        "seed": args.seed,
        "args": {k: v for k, v in vars(args).items() if k not in ("step", "resume")},
        "augmentation": AUG,
        "classOrder": LABELS,
        "data": {
            "ferTrain": {"images": len(train), "sha256": data_hash(train)},
            "ferValidationSlice": {"images": len(val), "sha256": data_hash(val),
                                   "rule": f"sha256(file name)[0] % {args.val_mod} == 0"},
            "taiwanTrain": {"images": len(tw_train), "sha256": data_hash(tw_train),
                            "performers": sorted({taiwan_performer(os.path.basename(p)) for p, _, _ in tw_train})},
            "taiwanHeldOut": {"images": len(tw_val),
                              "performers": sorted({taiwan_performer(os.path.basename(p)) for p, _, _ in tw_val})},
        },
        "environment": {"torch": torch.__version__, "numpy": np.__version__, "python": platform.python_version(),
                        "threads": args.threads, "machine": platform.machine(), "cpus": os.cpu_count()},
        "epochs": [],
        "initialValidation": None,
    }


def validate(model, val_cache, tw_cache):
    logits, truth = predict(model, val_cache)
    figures = {"fer2013TrainSlice": evaluate(logits, truth)}
    if tw_cache:
        logits, truth = predict(model, tw_cache)
        figures["taiwanHeldOutPerformers"] = evaluate(logits, truth)
    return figures


def train(args):
    os.makedirs(args.run_dir, exist_ok=True)
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    train_items, val_items, tw_train, tw_val = build_items(args)
    landmarker = LandmarkFile(args.taiwan_landmarks) if args.taiwan_landmarks else None
    t0 = time.time()
    cache = load_all(train_items + tw_train, landmarker)
    val_cache, tw_cache = load_all(val_items, None), load_all(tw_val, landmarker)
    print(f"loaded {len(cache)} train, {len(val_cache)} val, {len(tw_cache)} taiwan held-out in "
          f"{time.time() - t0:.0f}s", flush=True)
    model = make_model(args.arch, args.init)
    steps_per_epoch = len(epoch_order(len(train_items), len(tw_train), args, 0)) // args.batch
    opt, sched = make_optimizer(model, args, steps_per_epoch * args.epochs)
    weights = class_weights(np.array([c[2] for c in cache]))
    last_path, best_path = os.path.join(args.run_dir, "last.pt"), os.path.join(args.run_dir, "best.pt")
    record_path = os.path.join(args.run_dir, "record.json")
    start_epoch, start_step, best_score = 0, 0, -1.0
    if args.resume and os.path.exists(last_path):
        ck = torch.load(last_path)
        model.load_state_dict(ck["model"])
        opt.load_state_dict(ck["optimizer"])
        sched.load_state_dict(ck["scheduler"])
        start_epoch, start_step, best_score = ck["epoch"], ck["step"], ck["best_score"]
        record = ck["record"]
        print(f"resumed at epoch {start_epoch} step {start_step}", flush=True)
    else:
        record = new_record(args, train_items, val_items, tw_train, tw_val)
        record["initialValidation"] = validate(model, val_cache, tw_cache)
        print("initial", json.dumps(record["initialValidation"]), flush=True)
        write_json(record, record_path)
    for epoch in range(start_epoch, args.epochs):
        best_score = run_epoch(model, opt, sched, cache, weights, args, epoch, start_step if epoch == start_epoch else 0,
                               record, best_score, val_cache, tw_cache, (last_path, best_path, record_path),
                               len(train_items), len(tw_train))
    print("done", flush=True)


def checkpoint(model, opt, sched, epoch, step, best_score, record, path):
    save_atomic({"model": model.state_dict(), "optimizer": opt.state_dict(), "scheduler": sched.state_dict(),
                 "epoch": epoch, "step": step, "best_score": best_score, "record": record}, path)


def run_epoch(model, opt, sched, cache, weights, args, epoch, start_step, record, best_score, val_cache, tw_cache,
              paths, n_fer, n_taiwan):
    last_path, best_path, record_path = paths
    order = epoch_order(n_fer, n_taiwan, args, epoch)
    steps = len(order) // args.batch
    loss_fn = make_loss(weights, args)
    started, last_save, loss_sum, seen = time.time(), time.time(), 0.0, 0
    for step in range(start_step, steps):
        model.train()
        rng = np.random.default_rng([args.seed, epoch, step])
        x, y = batch_tensor(cache, order[step * args.batch:(step + 1) * args.batch], rng)
        loss = training_loss(model, loss_fn, x, y, rng, args)
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        loss_sum, seen = loss_sum + loss.item(), seen + 1
        if step % 20 == 0:
            rate = seen * args.batch / (time.time() - started)
            print(f"epoch {epoch + 1} step {step}/{steps} loss {loss_sum / seen:.4f} {rate:.1f} img/s", flush=True)
        if time.time() - last_save > args.checkpoint_minutes * 60:
            checkpoint(model, opt, sched, epoch, step + 1, best_score, record, last_path)
            last_save = time.time()
    train_seconds = time.time() - started
    figures = validate(model, val_cache, tw_cache)
    entry = {"epoch": epoch + 1, "steps": steps, "batch": args.batch, "trainLoss": loss_sum / max(seen, 1),
             "trainSeconds": round(train_seconds, 1), "secondsPerImage": train_seconds / max(seen * args.batch, 1),
             "resumedAtStep": start_step or None, "validation": figures}
    record["epochs"].append(entry)
    v = figures["fer2013TrainSlice"]
    score = v["accuracy"] + v["dissatisfiedRecallAtP90"]
    print(f"epoch {epoch + 1} done", json.dumps(entry), flush=True)
    if score > best_score:
        best_score = score
        record["best"] = {"epoch": epoch + 1, "rule": "max FER2013-train-slice accuracy + dissatisfied recall@P0.9"}
        save_atomic({"model": model.state_dict(), "epoch": epoch + 1, "record": record}, best_path)
    checkpoint(model, opt, sched, epoch + 1, 0, best_score, record, last_path)
    write_json(record, record_path)
    return best_score


def data_terms(record):
    """Weights learnt from research-use faces carry those terms, whatever the code's licence: named from the run's
    own record, so a run without --taiwan does not claim Taiwanese faces."""
    sets = "FER2013-train" + (" and taiwan-dev" if record["data"]["taiwanTrain"]["images"] else "")
    return (f"; trained on {sets} faces, whose terms are research use only (../shared/data/MANIFEST.md): "
            "check them before any other use")


def export(args):
    import onnx
    ck = torch.load(os.path.join(args.run_dir, f"{args.checkpoint}.pt"))
    # The graph is rebuilt from the network the run started from (a continued run starts from an earlier export).
    arch = ck["record"].get("arch", "onnx")
    model = make_model(arch, args.init or ck["record"]["args"]["init"])
    model.load_state_dict(ck["model"])
    model.eval()
    os.makedirs(args.out, exist_ok=True)
    onnx_path = os.path.join(args.out, f"{args.id}.onnx")
    # Batch dimension symbolic: the agent batches the faces of several counters that are ready together.
    torch.onnx.export(model, torch.zeros(2, 3, 112, 112), onnx_path, input_names=["data"], output_names=["label"],
                      dynamic_axes={"data": {0: "N"}, "label": {0: "N"}}, opset_version=13, do_constant_folding=True)
    onnx.checker.check_model(onnx.load(onnx_path))
    record = copy.deepcopy(ck["record"])
    record["exported"] = {"checkpoint": args.checkpoint, "epoch": ck["epoch"], "opset": 13}
    manifest = {
        "id": args.id, "kind": "expression", "file": os.path.basename(onnx_path),
        "bytes": os.path.getsize(onnx_path), "sha256": sha256_file(onnx_path),
        "source": {"kind": "trained", "note": f"model-lab/train_expression.py, record {args.id}.record.json"},
        "licence": (("Apache-2.0 (fine-tuned from opencv/opencv_zoo facial_expression_recognition)" if arch == "onnx"
                     else "Apache-2.0 (trained from scratch by the model lab)") + data_terms(record)),
        "input": {"name": "data", "shape": ["N", 3, 112, 112], "layout": "NCHW", "colorOrder": "RGB",
                  "normalisation": {"scale": 1 / 255, "mean": [0.5, 0.5, 0.5], "std": [0.5, 0.5, 0.5]},
                  "alignment": "five-point-112"},
        "outputs": ["label"], "labels": LABELS, "outputActivation": "logits",
    }
    write_json(manifest, os.path.join(args.out, f"{args.id}.manifest.json"))
    write_json(record, os.path.join(args.out, f"{args.id}.record.json"))
    print(json.dumps({"onnx": onnx_path, "sha256": manifest["sha256"]}))


BATCH_SHAPED_OPS = {"Reshape", "Expand", "Tile", "ConstantOfShape", "Slice", "Gather", "Shape"}


def symbolic_batch(args):
    """Makes a committed batch-1 export take any batch: only the graph's first input/output dimension changes."""
    import onnx
    onnx_path = os.path.join(args.out, f"{args.id}.onnx")
    manifest_path = os.path.join(args.out, f"{args.id}.manifest.json")
    record_path = os.path.join(args.out, f"{args.id}.record.json")
    model = onnx.load(onnx_path)
    shaped = sorted({n.op_type for n in model.graph.node} & BATCH_SHAPED_OPS)
    if shaped:
        sys.exit(f"{onnx_path}: ops that may fix the batch size ({', '.join(shaped)}); re-export instead")
    before = sha256_file(onnx_path)
    for value in [*model.graph.input, *model.graph.output]:
        value.type.tensor_type.shape.dim[0].dim_param = "N"
    del model.graph.value_info[:]
    onnx.checker.check_model(model)
    onnx.save(model, onnx_path)
    manifest = json.load(open(manifest_path))
    manifest["input"]["shape"][0] = "N"
    manifest["bytes"] = os.path.getsize(onnx_path)
    manifest["sha256"] = sha256_file(onnx_path)
    write_json(manifest, manifest_path)
    record = json.load(open(record_path))
    record["exported"]["symbolicBatch"] = {"fromSha256": before, "step": "symbolic-batch"}
    write_json(record, record_path)
    print(json.dumps({"onnx": onnx_path, "from": before, "sha256": manifest["sha256"]}))


def check_determinism(args):
    """Two runs of one training step on a tiny sample must give bit-identical loss and weights."""
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    items = list_labelled(fer_root(args.fer))
    picked = [(p, y, "fer") for p, y in items[:: max(1, len(items) // args.sample_images)]][: args.sample_images]
    cache = load_all(picked, None)
    digests = []
    for _ in range(2):
        torch.manual_seed(args.seed)
        model = make_model(args.arch, args.init)
        opt, sched = make_optimizer(model, args, 100)
        rng = np.random.default_rng([args.seed, 0, 0])
        x, y = batch_tensor(cache, range(len(cache)), rng)
        loss = training_loss(model, make_loss(class_weights(y.numpy()), args), x, y, rng, args)
        opt.zero_grad()
        loss.backward()
        opt.step()
        h = hashlib.sha256()
        for k, v in sorted(model.state_dict().items()):
            h.update(k.encode())
            h.update(v.detach().numpy().tobytes())
        digests.append((float(loss.item()), h.hexdigest()))
    print(json.dumps({"runs": digests, "images": len(cache)}))
    if digests[0] != digests[1]:
        print("training step is not deterministic", file=sys.stderr)
        sys.exit(1)


def main(argv):
    args = parse_args(argv)
    if args.step == "train":
        train(args)
    elif args.step == "export":
        export(args)
    elif args.step == "symbolic-batch":
        symbolic_batch(args)
    else:
        check_determinism(args)


if __name__ == "__main__":
    main(sys.argv[1:])
