import sys, tomli_w
from pathlib import Path
from skillmeat.utils.metadata import extract_artifact_metadata
from skillmeat.core.artifact_detection import ArtifactType
for d in sorted(Path('.').iterdir()):
    if d.name == 'cmd':
        p, t = d / 'review.md', ArtifactType.COMMAND
    elif d.is_dir():
        p, t = d, ArtifactType.SKILL
    else:
        continue
    meta = extract_artifact_metadata(p, t).to_dict()
    out = (d / 'expected-metadata.toml')
    out.write_text(tomli_w.dumps({"metadata": meta}))
    print(d.name, meta)
