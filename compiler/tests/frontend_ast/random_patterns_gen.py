"""Writes random clause heads (patterns, guards, case/try/fun clauses) to /tmp/gen/g0..g19.erl
(usage: random_patterns_gen.py SEED), for differential testing against epp:parse_file/2 like
random_exprs_gen.py. random_patterns.erl here is the OTP-accepted functions of three such files.
"""
import os
os.makedirs('/tmp/gen', exist_ok=True)
import random, sys
random.seed(int(sys.argv[1]))
ops=['+','-','*','/','div','rem','band','bor','bxor','bsl','bsr','and','or','xor','==','<','=:=','++','--','=', 'andalso', '!']
def pprim(d):
    if d<=0 or random.random()<0.35:
        return random.choice(['X','_','Y','a','1','"s"','$c','2.5','[]','{}','<<>>','#{}','#r{}','#r.a'])
    k=random.randrange(10)
    p=lambda: pat(d-1)
    if k==0: return '{'+', '.join(p() for _ in range(random.randint(1,3)))+'}'
    if k==1: return '['+', '.join(p() for _ in range(random.randint(1,2)))+(' | '+p() if random.random()<0.5 else '')+']'
    if k==2: return '('+p()+')'
    if k==3: return '<<'+random.choice(['A','1','"x"','(1+2)','-1'])+random.choice(['',':8',':N']) + random.choice(['','/binary','/integer-little-signed','/utf8','/unit:8','/bits'])+'>>'
    if k==4: return '#{'+random.choice(['a','1','"k"'])+' := '+p()+'}'
    if k==5: return '#r{a = '+p()+'}'
    if k==6: return 'X#{a := '+p()+'}'
    if k==7: return '"pre" ++ '+p()
    if k==8: return '#r{_ = '+p()+'}'
    return random.choice(['-','+','not','bnot'])+' '+p()
def pat(d):
    if d<=0: return pprim(0)
    if random.random()<0.6: return pprim(d)
    return pat(d-1)+' '+random.choice(ops)+' '+pat(d-1)
def guard():
    return '; '.join(', '.join(random.choice(['is_atom(X)','X > 1','X =:= a orelse Y','not X','X#r.a == 1','element(1, X) == a','length(Y) > 0'] ) for _ in range(random.randint(1,2))) for _ in range(random.randint(1,2)))
for fi in range(20):
    with open(f'/tmp/gen/g{fi}.erl','w') as f:
        f.write(f'-module(g{fi}).\n-compile(export_all).\n-record(r, {{a, b}}).\n')
        for i in range(40):
            g = ' when '+guard() if random.random()<0.4 else ''
            kind=random.randrange(4)
            if kind==0:
                f.write(f'f{i}({pat(3)}, {pat(2)}){g} ->\n    ok.\n')
            elif kind==1:
                f.write(f'f{i}(X, Y) ->\n    case X of {pat(3)}{g} -> a; _ -> b end.\n')
            elif kind==2:
                f.write(f'f{i}(X, Y) ->\n    try X of {pat(2)} -> a catch {random.choice(["","error:","exit:","C:","_:"])}{pat(2)}{random.choice(["",":St"])}{g} -> b end.\n')
            else:
                f.write(f'f{i}(X, Y) ->\n    fun({pat(3)}){g} -> a end.\n')
