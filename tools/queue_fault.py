"""Manual fault-injection run for issue 16 (not yet a test): a Redis on a free port, worker A killed with its
whole process tree mid-build, worker B runs the abandoned job again. Last run: the job was run again by B
and published once, but RQ found it abandoned only after about 400 s (expected about 70 s with
monitoring_seconds=5): to investigate before it becomes a CI test."""
import os, signal, socket, subprocess, sys, time, tempfile
from pathlib import Path
sys.path.insert(0, "/work/main/tests")
from renderer.web.app import App
from renderer.web.drafts import fields_of
def free():
    with socket.socket() as s: s.bind(("127.0.0.1",0)); return s.getsockname()[1]
port=free(); url=f"redis://127.0.0.1:{port}/0"
redis=subprocess.Popen(["redis-server","--port",str(port),"--save","","--appendonly","no"],stdout=subprocess.DEVNULL)
time.sleep(1)
data=Path(tempfile.mkdtemp())
env={**os.environ,"STATEMENT_RENDERER_CACHE":str(data/"cache")}
app=App(data, url)
user=app.store.add_user("u","publisher","x")
sid=app.store.add_statement("NPCC","md",user)
app.drafts.save_form(sid, fields_of(Path("/work/main/sources/npcc-e2ee-child-safety.md").read_text()))
job=app.queue.submit(sid,user)
code=f"from renderer.web.redis_queue import run_worker; from pathlib import Path; run_worker({url!r}, Path({str(data)!r}), maintenance_seconds=5, monitoring_seconds=5)"
t0=time.time()
a=subprocess.Popen([sys.executable,"-c",code],env=env,start_new_session=True,stdout=subprocess.DEVNULL,stderr=open("/tmp/wa.log","w"))
while True:
    ev=[r["message"] for r in app.store.events(job)]
    if any("audio" in e for e in ev): break
    time.sleep(0.5)
print(f"{time.time()-t0:.0f}s killing worker A during:", ev[-1])
def tree(pid):
    kids={}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try: ppid=int(open(f"/proc/{d}/stat").read().rsplit(")",1)[1].split()[1])
            except OSError: continue
            kids.setdefault(ppid,[]).append(int(d))
    out=[pid]; i=0
    while i<len(out): out+=kids.get(out[i],[]); i+=1
    return out
victims=tree(a.pid); print("killing", len(victims), "processes")
for pid in victims: os.kill(pid, signal.SIGKILL)
b=subprocess.Popen([sys.executable,"-c",code],env=env,start_new_session=True,stdout=subprocess.DEVNULL,stderr=open("/tmp/wb.log","w"))
while True:
    row=app.store.one("SELECT status FROM jobs WHERE id=?",job)
    if row["status"] in ("done","held","failed"): break
    time.sleep(2)
print(f"{time.time()-t0:.0f}s job", row["status"]); [print(round(r["at"]-t0), r["message"]) for r in app.store.events(job)]; from rq.job import Job; j=Job.fetch(f"build-{job}", connection=app.queue.queue.connection); print(j.get_status(), j.retries_left)
print(sorted(p.name for p in (data/"previews"/str(sid)).iterdir()))
os.killpg(b.pid, signal.SIGTERM); redis.terminate()
