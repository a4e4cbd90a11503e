"""Writes random macro definitions and uses (nested, recursive, wrong arity, -ifdef/-undef) to
/tmp/gen/g0..g19.erl (usage: random_macros_gen.py SEED), for differential testing against
epp:parse_file/2: the error lines and messages (epp:format_error/1) and the trees must agree.
"""
import os
os.makedirs('/tmp/gen', exist_ok=True)
import random, sys
random.seed(int(sys.argv[1]))
names=['A','B','C','D','e1','f2']
def body(depth, params):
    parts=[]
    for _ in range(random.randint(1,3)):
        k=random.randrange(8)
        if k==0 and params: parts.append(random.choice(params))
        elif k==1 and depth>0: 
            n=random.choice(names)
            parts.append('?'+n)
        elif k==2 and depth>0:
            n=random.choice(names)
            parts.append('?'+n+'('+', '.join(random.choice(['1','x','[a, b]','{p, q}','fun() -> a, b end'] + params) for _ in range(random.randint(1,2)))+')')
        elif k==3 and params: parts.append('??'+random.choice(params))
        elif k==4: parts.append(random.choice(['1','atom','"s"','[1, 2]']))
        elif k==5: parts.append('?MODULE')
        elif k==6: parts.append('?LINE')
        else: parts.append('{'+random.choice(['x','y'])+'}')
    return '{'+', '.join(parts)+'}'
for fi in range(20):
    with open(f'/tmp/gen/g{fi}.erl','w') as f:
        f.write(f'-module(g{fi}).\n-compile(export_all).\n')
        for n in names:
            r=random.randrange(4)
            if r==0: f.write(f'-define({n}, {body(1, [])}).\n')
            elif r==1: f.write(f'-define({n}(X), {body(1, ["X"])}).\n')
            elif r==2: f.write(f'-define({n}(X, Y), {body(1, ["X","Y"])}).\n')
            if random.random()<0.3: f.write(f'-ifdef({n}).\n-undef({n}).\n-define({n}, redefined).\n-else.\n-define({n}(Z), {{undefined, Z}}).\n-endif.\n')
        for i in range(30):
            n=random.choice(names)
            use=random.choice([f'?{n}', f'?{n}(1)', f'?{n}(a, [b])', f'?{n}({{1, 2}}, fun() -> x end)'])
            f.write(f'f{i}() ->\n    {use}.\n')
