#!/usr/bin/env bash
# Sharding on a real cluster engine: brings up a single-node Slurm from Debian's packages (slurm-wlm,
# munge) with a localhost configuration of its own, submits the job scripts of packaging/slurm/ — the
# README's Slurm recipe — as array jobs, and checks that the sharded result equals an unsharded run:
#
#   packaging/test-slurm.sh [BUILD_DIR]      (default: build; needs root)
#
# 1. encode.sbatch: `diffcut encode IMAGES --shard $SLURM_ARRAY_TASK_ID/3`, three tasks, one cache;
# 2. batch.sbatch (after 1): `diffcut batch IMAGES --shard $SLURM_ARRAY_TASK_ID/3` from that cache;
# 3. merge.sbatch (after 2): merge-coco of the three COCO shards;
# 4. the same folder encoded and segmented in one process: the same cache entries, the same labelme
#    files byte for byte, and the same COCO images and annotations (ids aside).
#
# Everything (munge key and socket, Slurm's state, logs, images, outputs) lives in a fresh folder under
# /var/tmp, on ports 6917-6918; the daemons are stopped and the folder removed at the end (kept with
# KEEP=1). A munged or Slurm of the machine's own is neither used nor touched.
set -euo pipefail
cd "$(dirname "$0")/.."
source_dir=$PWD
build_dir=$(realpath -m "${1:-build}")
export DIFFCUT=$build_dir/app/diffcut

step() { printf '\n== %s\n' "$*"; }
fail() { echo "test-slurm: $*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || fail "needs root (the Slurm and munge daemons run as root here)"
[ -x "$DIFFCUT" ] || fail "$DIFFCUT not found: build first (cmake --build $build_dir --target diffcut)"

packages=(slurm-wlm munge python3)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  step "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
dpkg-query -W -f='${Package} ${Version}\n' slurm-wlm slurmctld slurmd munge

work=$(mktemp -d /var/tmp/diffcut-test-slurm.XXXXXX)
stop_all() {
  for pidfile in "$work"/slurmd.pid "$work"/slurmctld.pid "$work"/munge/munged.pid; do
    if [ -f "$pidfile" ]; then kill "$(cat "$pidfile")" 2>/dev/null || true; fi
  done
  sleep 1
  if [ "${KEEP:-0}" = 1 ]; then echo "test-slurm: kept $work"; else rm -rf "$work"; fi
}
trap stop_all EXIT
mkdir -p "$work"/{munge,state,spool,logs,data}
node=$(hostname -s)

step "munge (its own key and socket)"
mungekey --create --keyfile="$work/munge/munge.key"
munged --force --key-file="$work/munge/munge.key" --socket="$work/munge/munge.socket" \
  --pid-file="$work/munge/munged.pid" --log-file="$work/munge/munged.log" --seed-file="$work/munge/munged.seed"
echo ok | munge --socket="$work/munge/munge.socket" | unmunge --socket="$work/munge/munge.socket" | grep -q 'STATUS:.*Success' \
  || fail "munge does not work"

step "slurm.conf for one node, $node"
export SLURM_CONF=$work/slurm.conf
cat > "$SLURM_CONF" <<CONF
ClusterName=diffcut-test
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=6917
SlurmdPort=6918
AuthType=auth/munge
AuthInfo=socket=$work/munge/munge.socket
CredType=cred/munge
SlurmUser=root
SlurmdUser=root
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/logs/slurmctld.log
SlurmdLogFile=$work/logs/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MinJobAge=3600
NodeName=$node NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=test Nodes=$node Default=YES MaxTime=INFINITE State=UP OverSubscribe=YES
CONF
cat "$SLURM_CONF"
slurmctld -f "$SLURM_CONF"
slurmd -f "$SLURM_CONF" -N "$node"
for _ in $(seq 60); do
  sinfo -h -N -o '%t' 2>/dev/null | grep -q idle && break
  sleep 1
done
sinfo -N -l
sinfo -h -N -o '%t' | grep -q idle || { tail -20 "$work"/logs/*.log; fail "the node did not come up"; }

step "images: the sample, the screenshot, icons, and overlays of the sample (distinct pixels), in two folders"
export IMAGES=$work/data/images OUT=$work/data/out CACHE=$work/data/cache
mkdir -p "$IMAGES/photos" "$IMAGES/graphics"
cp resources/sample/2011_000025.jpg "$IMAGES/photos/sample.jpg"
cp packaging/screenshots/main-window.png "$IMAGES/graphics/screenshot.png"
for size in 128 256 512; do cp "packaging/icons/${size}x${size}/diffcut-studio.png" "$IMAGES/graphics/icon-$size.png"; done
for tau in 0.3 0.5 0.7; do
  "$DIFFCUT" segment resources/sample/2011_000025.jpg --tau "$tau" --no-cache --out "$work/data/overlay" > /dev/null 2>&1
  cp "$work/data/overlay/overlay.png" "$IMAGES/photos/overlay-$tau.png"
done
rm -rf "$work/data/overlay"
find "$IMAGES" -type f | sort

step "array jobs: encode, then batch, then merge-coco (the README's recipe)"
cd "$work/logs"
encode=$(sbatch --parsable "$source_dir/packaging/slurm/encode.sbatch")
batch=$(sbatch --parsable --dependency=afterok:"$encode" "$source_dir/packaging/slurm/batch.sbatch")
merge=$(sbatch --parsable --dependency=afterok:"$batch" "$source_dir/packaging/slurm/merge.sbatch")
echo "submitted: encode $encode, batch $batch, merge $merge"
squeue
for _ in $(seq 900); do
  [ -z "$(squeue -h)" ] && break
  sleep 1
done
cd "$source_dir"
[ -z "$(squeue -h)" ] || { squeue; fail "the jobs did not finish in 15 minutes"; }
for job in "$encode" "$batch" "$merge"; do
  scontrol show job "$job" | grep -E "JobId=|JobState=" | paste -sd' ' | sed 's/  */ /g'
done
for log in "$work"/logs/slurm-*.out; do
  echo "--- $(basename "$log")"
  tr '\r' '\n' < "$log" | grep -E 'diffcut: (encode|batch|failed|note: features)|^\[' | tail -n 12 || true
done
states=$(for job in "$encode" "$batch" "$merge"; do scontrol show job "$job"; done | grep -o 'JobState=[A-Z_]*' | sort | uniq -c)
echo "$states"
if echo "$states" | grep -v 'JobState=COMPLETED' | grep -q .; then fail "not every job completed"; fi

step "the same folder unsharded, in one process"
# Beside the sharded outputs, so that the labelme files' relative image paths are the same.
reference_out=$work/data/out-unsharded reference_cache=$work/data/cache-unsharded
"$DIFFCUT" encode "$IMAGES" --cache "$reference_cache" 2>&1 | tr '\r' '\n' | grep 'diffcut: encode'
"$DIFFCUT" batch "$IMAGES" --out "$reference_out" --cache "$reference_cache" --format labelme,coco 2>&1 \
  | tr '\r' '\n' | grep 'diffcut: batch'

step "sharded = unsharded"
entries() { find "$1/features" -maxdepth 1 -name '*.npy' -printf '%f\n' | sort; }
diff <(entries "$CACHE") <(entries "$reference_cache") \
  || fail "the feature caches hold other entries"
echo "feature cache: the same $(entries "$CACHE" | wc -l) entries"
diff -r "$OUT/labelme" "$reference_out/labelme" || fail "the labelme files differ"
echo "labelme: $(find "$OUT/labelme" -name '*.json' | wc -l) files, identical"
python3 - "$OUT/coco/annotations.json" "$reference_out/coco/annotations.json" <<'PY'
import json, sys

def canonical(path):
    coco = json.load(open(path))
    names = {image["id"]: image["file_name"] for image in coco["images"]}
    categories = {category["id"]: category["name"] for category in coco["categories"]}
    images = sorted((image["file_name"], image["width"], image["height"]) for image in coco["images"])
    annotations = sorted(
        json.dumps([names[a["image_id"]], categories[a["category_id"]], a["bbox"], a["area"], a["segmentation"],
                    a.get("iscrowd", 0)], sort_keys=True)
        for a in coco["annotations"])
    return images, annotations

sharded, unsharded = canonical(sys.argv[1]), canonical(sys.argv[2])
if sharded[0] != unsharded[0]:
    sys.exit("test-slurm: the merged COCO file lists other images")
if sharded[1] != unsharded[1]:
    sys.exit("test-slurm: the merged COCO file holds other annotations")
print(f"COCO: {len(sharded[0])} images and {len(sharded[1])} annotations, the same up to ids")
PY
echo
echo "test-slurm: OK"
