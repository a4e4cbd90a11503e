"""Writes random Erlang expression soup to /tmp/gen/g0..g19.erl (usage: random_exprs_gen.py SEED).

Used for differential testing of the front end against OTP: parse each file with epp:parse_file/2
and with krarup, then compare the set of lines with syntax errors and the printed AST of every
function (astsx.erl). random_exprs.erl here is the OTP-accepted functions of three such files.
"""
import os
os.makedirs('/tmp/gen', exist_ok=True)
import random, sys
random.seed(int(sys.argv[1]))
binops=['+','-','*','/','div','rem','band','bor','bxor','bsl','bsr','and','or','xor','andalso','orelse','==','/=','=<','<','>=','>','=:=','=/=','++','--','!','=']
unops=['-','+','not','bnot']
atoms=['a','b','ok','error','true']
vars_=['X','Y','Z','_W']
def prim(d):
    if d<=0 or random.random()<0.3:
        return random.choice([random.choice(atoms), random.choice(vars_), str(random.randint(0,99)), '"s"', '$c', '1.5', '[]', '{}', '<<>>', '#{}', '#r{}', '#r.a'])
    k=random.randrange(22)
    e=lambda: expr(d-1)
    if k==0: return '{'+', '.join(e() for _ in range(random.randint(1,3)))+'}'
    if k==1: return '['+', '.join(e() for _ in range(random.randint(1,3)))+(' | '+e() if random.random()<0.3 else '')+']'
    if k==2: return 'f('+', '.join(e() for _ in range(random.randint(0,2)))+')'
    if k==3: return 'm:g('+e()+')'
    if k==4: return '('+e()+')'
    if k==5: return 'case '+e()+' of '+ '; '.join(pat()+' -> '+e() for _ in range(random.randint(1,2)))+' end'
    if k==6: return 'begin '+e()+', '+e()+' end'
    if k==7: return 'fun(X) -> '+e()+' end'
    if k==8: return '[' + e() + ' || X <- ' + e() + ', ' + e() + ']'
    if k==9: return 'X#r.a'
    if k==10: return 'X#r{a = '+e()+'}'
    if k==11: return 'X#{a => '+e()+'}'
    if k==12: return '#{'+e()+' => '+e()+'}'
    if k==13: return '<<'+prim(0)+':8, ('+e()+')/binary>>'
    if k==14: return 'try '+e()+' catch _:_ -> '+e()+' end'
    if k==15: return 'receive '+pat()+' -> '+e()+' after 0 -> '+e()+' end'
    if k==16: return 'if '+e()+' -> '+e()+'; true -> '+e()+' end'
    if k==17: return 'fun f/1'
    if k==18: return 'fun m:f/2'
    if k==19: return '(catch '+e()+')'
    if k==20: return 'F('+e()+')'
    return '#r{a = '+e()+'}'
def pat():
    return random.choice(['X','_','{a, Y}','[H | T]','"p" ++ R','<<A:8>>','#{k := V}','#r{a = 1}','-1','Z = {b}'])
def expr(d):
    if d<=0: return prim(0)
    r=random.random()
    if r<0.35: return prim(d)
    if r<0.5: return random.choice(unops)+' '+expr(d-1)
    if r<0.58: return 'catch '+expr(d-1)
    return expr(d-1)+' '+random.choice(binops)+' '+expr(d-1)
for fi in range(20):
    with open(f'/tmp/gen/g{fi}.erl','w') as f:
        f.write(f'-module(g{fi}).\n-compile(export_all).\n-record(r, {{a, b}}).\n')
        for i in range(40):
            f.write(f'f{i}(X, Y, Z, F) ->\n    {expr(4)}.\n')
