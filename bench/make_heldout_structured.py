"""Write `corpus/heldout_structured.jsonl` (set A) and `heldout_structured_b.jsonl` (set B).

Held-out texts for the structured types PHONE_NUMBER, KG_PIN, KG_PASSPORT, EMAIL_ADDRESS,
IP_ADDRESS and CREDIT_CARD, written by hand in the way real systems and people write them
(nginx/apache/syslog lines, Java/Python stack traces, JSON payloads plain and escaped, URL query
strings, CSV rows, SMS-gateway and bank logs, KYC forms, chats in Kyrgyz/Russian/English),
independent of `templates.py`, with many hard negatives. Values are marked inline as
`[[TYPE:value]]` (PH, PIN, PP, EM, IP, CC); this script strips the markers and records exact
offsets, checks card numbers with Luhn and ПИНs for a 1/2 first digit and a real birth date.
PERSON and ADDRESS are not annotated here: read only the six types above.

Annotation conventions (beyond bench/README.md):
* every syntactically valid IP address is IP_ADDRESS (private, loopback and multicast too), without
  port, brackets or `%zone`; an IPv4-mapped IPv6 (`::ffff:95.47.169.5`) is one address;
  networks, versions, OIDs and MAC addresses are not;
* a phone after a URL-encoded plus includes it (`%2B996...`, the `+` as written; set A's blind
  run marked the digits alone, corrected to the recognizer's documented convention); a
  URL-encoded e-mail (`name%40mail.ru`) is the whole encoded string;
* a passport whose series and number sit in separate fields (`серия AN номер 1234567`, CSV
  columns `AN,1234567`, JSON `passport_number`) is the 7-digit number alone;
* 14-digit legal-entity ИНН (first digit 0), Kazakh ИИН, IMEI/ICCID/IMSI (even Luhn-valid),
  masked cards, Luhn-failing 16-digit numbers and bank accounts are not PII of these types;
* every e-mail-shaped address with a dotted domain is EMAIL_ADDRESS (`noreply@...` too);
  `git@github.com:`, `lodash@4.17.21`, `logo@2x.png`, `root@host` and `@handles` are not.

Set A was measured blind, then used to fix recognizers; set B was written after those fixes and
measured blind once.

    python bench/make_heldout_structured.py
    python bench/accuracy.py --no-presidio --corpus bench/corpus/heldout_structured.jsonl --errors PHONE_NUMBER
"""

from __future__ import annotations

import datetime
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_heldout import write  # noqa: E402

HERE = Path(__file__).resolve().parent
OUT = HERE / "corpus" / "heldout_structured.jsonl"
OUT_FRESH = HERE / "corpus" / "heldout_structured_b.jsonl"
TYPES = {"PH": "PHONE_NUMBER", "PIN": "KG_PIN", "PP": "KG_PASSPORT", "EM": "EMAIL_ADDRESS",
         "IP": "IP_ADDRESS", "CC": "CREDIT_CARD"}
MARK = re.compile(r"\[\[(PH|PIN|PP|EM|IP|CC):(.+?)\]\]")

# --- web server and proxy logs ---------------------------------------------------------------
WEB_LOGS = [
    '[[IP:185.117.148.33]] - - [26/Nov/2026:10:15:32 +0600] "GET /api/v1/profile?msisdn=[[PH:996555123456]]&lang=ru HTTP/1.1" 200 512 "-" "Mozilla/5.0 (Linux; Android 13; SM-A525F) AppleWebKit/537.36 Chrome/124.0.6367.91 Mobile Safari/537.36"',
    '[[IP:212.112.105.4]] - - [26/Nov/2026:10:15:33 +0600] "POST /auth/otp HTTP/2.0" 429 87 "https://shop.kg/login" "okhttp/4.12.0"',
    '[[IP:10.12.0.7]] - admin [26/Nov/2026:11:02:01 +0600] "GET /admin/users/export.csv HTTP/1.1" 200 1048576 "-" "curl/8.4.0"',
    '[[IP:92.62.70.201]] - - [26/Nov/2026:11:02:05 +0600] "GET /subscribe?email=[[EM:aibek.sultanov@gmail.com]]&utm_source=instagram HTTP/1.1" 302 0 "-" "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X)"',
    '[[IP:176.126.165.90]] - - [26/Nov/2026:12:44:10 +0600] "GET /api/orders/555123456/status HTTP/1.1" 200 211 "-" "Dart/3.3 (dart:io)"',
    '[[IP:2a03:e2c0:1f3a:10::2b]] - - [26/Nov/2026:12:44:11 +0600] "GET /static/app.4f9c2b7e.js HTTP/2.0" 200 183422 "-" "Mozilla/5.0"',
    '[[IP:37.218.241.12]] - - [26/Nov/2026:13:01:00 +0600] "GET /recover?login=[[EM:nazira.k%40mail.ru]] HTTP/1.1" 200 934 "-" "Mozilla/5.0"',
    '[[IP:46.251.203.77]] - - [26/Nov/2026:13:05:42 +0600] "GET /api/v2/check?phone=[[PH:%2B996700123456]]&code=4821 HTTP/1.1" 200 45',
    '[[IP:127.0.0.1]] - - [26/Nov/2026:13:05:43 +0600] "GET /healthz HTTP/1.1" 200 2 "-" "kube-probe/1.29"',
    '[[IP:195.38.164.250]] - - [27/Nov/2026:00:00:01 +0600] "GET /wp-login.php HTTP/1.1" 404 162 "-" "python-requests/2.31.0"',
    '[Wed Nov 26 10:21:14.384912 2026] [php:error] [pid 21744] [client [[IP:213.145.130.18]]:52144] PHP Warning:  Undefined index: phone in /var/www/html/order.php on line 112',
    '[Wed Nov 26 10:21:15.001122 2026] [ssl:info] [pid 21745] [client [[IP:2001:67c:1a8c:100::17]]:40112] AH01964: Connection to child 3 established (server shop.kg:443)',
    '2026/11/26 10:31:02 [error] 1123#1123: *88412 upstream timed out (110: Connection timed out) while reading response header from upstream, client: [[IP:91.205.48.3]], server: api.bank.kg, request: "POST /v1/transfer HTTP/1.1", upstream: "http://[[IP:10.0.4.21]]:8080/v1/transfer", host: "api.bank.kg"',
    'X-Forwarded-For: [[IP:178.217.174.61]], [[IP:172.68.146.90]]',
    'time="2026-11-26T10:44:12+06:00" level=info msg="request" remote_addr="[[[IP:2a02:2168:8c3e:f700:5d1e:93b2:11a0:4c3d]]]:51812" method=GET path=/me status=200 duration=12.4ms',
    '{"ts":"2026-11-26T04:44:12.812Z","remote_ip":"[[IP:95.47.169.5]]","method":"POST","path":"/api/register","status":201,"bytes":318,"ua":"Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0.6778.86"}',
    'Nov 26 10:52:01 web-01 sshd[31244]: Failed password for invalid user oracle from [[IP:218.92.0.112]] port 40522 ssh2',
    'Nov 26 10:52:07 web-01 sshd[31251]: Accepted publickey for deploy from [[IP:10.10.1.5]] port 58122 ssh2: ED25519 SHA256:3qk9VfS8gJm+0w1X2oZp7yq4Yd6lB0cTn5uE8aHrK1M',
    'Nov 26 10:53:00 gw kernel: [UFW BLOCK] IN=eth0 OUT= MAC=52:54:00:8a:3c:11:00:1c:73:00:00:99:08:00 SRC=[[IP:45.134.26.79]] DST=[[IP:185.29.203.14]] LEN=40 TOS=0x00 PREC=0x00 TTL=243 ID=54321 PROTO=TCP SPT=43557 DPT=3389 WINDOW=1024',
    'Nov 26 11:00:14 dhcp01 dhcpd[880]: DHCPACK on [[IP:192.168.14.231]] to 3c:22:fb:91:0e:7a (Aizhan-iPhone) via eth1',
    'Nov 26 11:03:44 vpn01 charon: 09[IKE] IKE_SA roadwarrior[1204] established between [[IP:185.48.234.10]][vpn.company.kg]...[[IP:5.59.143.201]][[[EM:t.ismailov@company.kg]]]',
    'Nov 26 11:07:19 mail postfix/smtpd[4410]: NOQUEUE: reject: RCPT from unknown[[[IP:103.151.122.45]]]: 554 5.7.1 <[[EM:buhgalteria@kyrgyzoil.kg]]>: Relay access denied; from=<[[EM:invoice-8812@securemail-docs.xyz]]> to=<[[EM:buhgalteria@kyrgyzoil.kg]]> proto=ESMTP helo=<WIN-4S1QK>',
    'Nov 26 11:09:01 mail dovecot: imap-login: Login: user=<[[EM:jyldyz.omurbekova@auca.kg]]>, method=PLAIN, rip=[[IP:158.181.140.33]], lip=[[IP:10.0.0.25]], mpid=22193, TLS',
    'Nov 26 11:12:30 db01 postgres[7781]: [3-1] user=app,db=crm,client=[[IP:10.0.2.14]] LOG:  duration: 1532.417 ms  statement: SELECT * FROM clients WHERE phone = \'[[PH:+996772445566]]\'',
    'Nov 26 11:15:00 node3 kubelet[1120]: I1126 11:15:00.123456    1120 kubelet.go:2445] "SyncLoop (PLEG): event for pod" pod="prod/api-7d9f8b6c5d-x2x9q" event={"ID":"6f1b0c3a-52f1-4d7e-9c2b-5b1e0f7a9d3c","Type":"ContainerStarted"}',
    'Nov 26 11:15:02 node3 containerd[998]: time="2026-11-26T11:15:02.554120931+06:00" level=info msg="ImageCreate event name:\\"registry.local:5000/api:2.14.3\\""',
    'Nov 26 11:20:45 fw01 ntpd[612]: Listen normally on 4 eth0 [[IP:fe80::5054:ff:fe8a:3c11]]%2 UDP 123',
    'Nov 26 11:21:00 lb01 haproxy[3012]: [[IP:31.192.249.8]]:61234 [26/Nov/2026:11:20:59.871] https_front~ api_back/api2 0/0/1/128/129 200 734 - - ---- 211/211/3/1/0 0/0 "GET /v1/cards HTTP/1.1"',
]

# --- application logs and stack traces -------------------------------------------------------
APP_LOGS = [
    '2026-11-26 10:15:32,481 INFO  [http-nio-8080-exec-7] k.b.s.OtpService - OTP sent to [[PH:+996555123456]], attempt 1/3, requestId=7f3c9a12-88b1-4c0e-a1d4-5b6e2f0c9a77',
    '2026-11-26 10:15:33,002 WARN  [http-nio-8080-exec-7] k.b.s.OtpService - SMS gateway returned 503 for msisdn [[PH:996700987654]], retry in 30000 ms',
    '2026-11-26 10:16:01,118 ERROR [pool-3-thread-2] k.b.kyc.PassportValidator - Validation failed for client 100482231: passport [[PP:AN 4581273]] expired 2025-03-14',
    'java.lang.IllegalArgumentException: Invalid PIN: [[PIN:21203199000123]] (birth date mismatch)\n\tat kg.bank.kyc.PinValidator.validate(PinValidator.java:58)\n\tat kg.bank.kyc.KycService.submit(KycService.java:211)\n\tat jdk.internal.reflect.GeneratedMethodAccessor412.invoke(Unknown Source)',
    'org.springframework.dao.DuplicateKeyException: PreparedStatementCallback; ERROR: duplicate key value violates unique constraint "uk_client_phone"\n  Detail: Key (phone)=([[PH:0771234567]]) already exists.',
    'Caused by: javax.mail.SendFailedException: Invalid Addresses;\n  nested exception is:\n\tcom.sun.mail.smtp.SMTPAddressFailedException: 550 5.1.1 <[[EM:meerim.asanova@inbox.ru]]>: Recipient address rejected: User unknown',
    'Traceback (most recent call last):\n  File "/srv/app/billing/tasks.py", line 88, in charge\n    resp = client.charge(card_number="[[CC:4169585312345670]]", amount=Decimal("1250.00"))\n  File "/srv/app/.venv/lib/python3.11/site-packages/paybox/client.py", line 142, in charge\n    raise GatewayError(resp.status_code, resp.text)\npaybox.errors.GatewayError: (502, \'Bad Gateway\')',
    'Traceback (most recent call last):\n  File "/app/kyc/views.py", line 41, in post\n    client = Client.objects.get(pin=pin)\nkyc.models.Client.DoesNotExist: Client matching query does not exist. pin=\'[[PIN:11505198700456]]\'',
    'ValueError: could not convert string to float: \'12 500,00\' (row 1834, order_id=20261126001834)',
    'django.db.utils.IntegrityError: duplicate key value violates unique constraint "accounts_user_email_key"\nDETAIL:  Key (email)=([[EM:b.toktogulov@gmail.com]]) already exists.',
    '[2026-11-26 10:20:00] production.ERROR: SQLSTATE[23000]: Integrity constraint violation: 1062 Duplicate entry \'[[PH:+996 (555) 12-34-56]]\' for key \'users_phone_unique\' (SQL: insert into `users` (`name`, `phone`) values (Айбек, [[PH:+996 (555) 12-34-56]]))',
    'I, [2026-11-26T10:21:44.123456 #8812]  INFO -- : Completed 200 OK in 43ms (Views: 12.1ms | ActiveRecord: 8.4ms | Allocations: 9823)',
    '2026-11-26T10:22:01.331Z DEBUG 1 --- [nio-8080-exec-3] o.h.SQL : select c1_0.id,c1_0.pin,c1_0.phone from client c1_0 where c1_0.id=?',
    '2026-11-26T10:22:01.335Z TRACE 1 --- [nio-8080-exec-3] o.h.o.j.bind : binding parameter (1:BIGINT) <- [21203199]',
    '2026-11-26 10:23:11.884 | INFO | notifier.telegram:send:77 - sent to chat_id=-1001555123456 message_id=88213',
    '2026-11-26 10:23:12.004 | INFO | notifier.telegram:send:77 - sent to chat_id=555123456 (user @aibek_dev)',
    '2026-11-26 10:24:00 [worker-2] INFO  CourierAssign: order 20261126-004512 -> courier Бакыт ([[PH:0 700 55 44 33]]), eta 35 min',
    '2026-11-26 10:24:31 [worker-1] WARN  Geo: client coordinates 42.8746, 74.5698 outside delivery polygon, fallback to 42.8700,74.5900',
    '2026-11-26 10:25:00 [scheduler] INFO  ReportJob: exported 1 195 632 rows in 84.2 s (14 205 rows/s), file=report_20261126102500.csv.gz',
    'WARN  2026-11-26 10:26:14 CardService - declined: pan=[[CC:5169493123456785]] rc=51 (insufficient funds) amount=3400.00 KGS terminal=10020931',
    'INFO  2026-11-26 10:26:15 CardService - approved: pan=4169 58** **** 5670 rc=00 auth=834112 rrn=633012874455',
    'INFO  2026-11-26 10:26:16 CardService - approved: pan=516949******6785 rc=00 auth=120045 stan=004512',
    '2026-11-26 10:27:03 ERROR [kafka-consumer-1] c.m.RegistrationListener: payload rejected: {"fullName":"Осмонова Бурул","pin":"[[PIN:12502200300077]]","phone":"[[PH:+996 999 12 34 56]]","passport":"[[PP:ID0456789]]"}',
    'panic: runtime error: invalid memory address or nil pointer dereference\n[signal SIGSEGV: segmentation violation code=0x1 addr=0x18 pc=0x8c4f2a]\n\ngoroutine 4122 [running]:\nmain.(*Handler).Lookup(0xc0001a2000, {0xc00031e0f0, 0xd})\n\t/src/handler.go:214 +0x2a',
    '2026-11-26 10:28:40 INFO  build 2.14.3+sha.9f3c2b7 deployed to 10 nodes; release v1.3.6.1 tagged',
    '2026-11-26 10:29:00 WARN  Retrying request to payments.kg (attempt 3 of 5), backoff 2000ms, trace=00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    'Exception in thread "main" java.lang.NumberFormatException: For input string: "[[PH:+996 555 12 34 56]]"\n\tat java.base/java.lang.NumberFormatException.forInputString(NumberFormatException.java:67)',
    '2026-11-26 10:31:22 INFO  AuthController - login ok user=[[EM:admin@ala-too.edu.kg]] ip=[[IP:176.123.240.8]] 2fa=totp',
]

# --- JSON payloads (plain and escaped inside log strings), URLs, CSV --------------------------
PAYLOADS = [
    '{"id":88213,"name":"Жумабеков Нурлан","phone":"[[PH:+996555987321]]","email":"[[EM:nurlan.zh@gmail.com]]","created_at":"2026-11-26T10:15:32+06:00"}',
    '{"msisdn":"[[PH:996772001122]]","operator":"Beeline","balance":154.20,"tariff_id":8812,"imsi":"437011234567890"}',
    '{"client":{"pin":"[[PIN:22811200100789]]","doc":{"type":"ID","number":"[[PP:ID1928374]]","issued_by":"МКК 211031","issued":"2021-06-14"}}}',
    '{"event":"payment","card_mask":"417273******6674","amount":"2 500.00","currency":"KGS","rrn":"633012874455","status":"OK"}',
    '{"event":"tokenize","pan":"[[CC:4172730044556674]]","exp":"09/28","token":"tok_9f3c2b7e1a4d5f60"}',
    'payload="{\\"phone\\":\\"[[PH:+996 700 123 456]]\\",\\"code\\":\\"4821\\",\\"ttl\\":300}"',
    'body: {\\"email\\":\\"[[EM:kanykei_99@mail.ru]]\\",\\"password\\":\\"***\\",\\"device_id\\":\\"a3f0c2e9-7b41-4e2c-9d55-0f1e6b3c2a18\\"}',
    '"request_body": "{\\"inn\\": \\"[[PIN:10107197501234]]\\", \\"fio\\": \\"Алиева Гульнара\\", \\"tel\\": \\"[[PH:0555 33 22 11]]\\"}"',
    '{"order_id":"555123456","sum":555123.45,"items":3,"courier_phone":"[[PH:0(700)123-456]]"}',
    '{"org_inn":"02507199510010","okpo":"29693656","bik":"124012","account":"1240020001234567","director_pin":"[[PIN:20909198812345]]"}',
    '{"lat":42.874621,"lon":74.569762,"accuracy":12.5,"ts":1732612345678}',
    '{"version":"4.17.21","deps":{"lodash":"^4.17.21","axios":"1.6.8"},"hash":"sha512-v2kDEe57lecTulaDIuNTPy3Ry4gLGJ6Z1O3vE1krgXZNrsQ+LFTGHVxVjcXPs17LhbZVGedAJv8XZ1tvj5FvSg=="}',
    '{"uuid":"550e8400-e29b-41d4-a716-446655440000","trace_id":"4bf92f3577b34da6a3ce929d0e0e4736","span":"00f067aa0ba902b7"}',
    '{"sender":"[[EM:noreply@notify.megacom.kg]]","to":["[[EM:a.bekova+orders@gmail.com]]","[[EM:ops@shop.kg]]"],"subject":"Заказ №20261126-0451"}',
    '{"ip":"[[IP:212.42.120.9]]","geo":{"country":"KG","city":"Bishkek","lat":42.87,"lon":74.59},"asn":8449}',
    '{"contacts":[{"type":"whatsapp","value":"[[PH:+996 (777) 12-34-56]]"},{"type":"telegram","value":"@meerim_k"}]}',
    '{"passport_series":"AN","passport_number":"[[PP:2345678]]","birth_date":"15.05.1987"}',
    '{"phone": "[[PH:+7 701 234 56 78]]", "country": "KZ", "iin": "870515300123"}',
]

URLS = [
    'https://pay.kg/checkout?msisdn=[[PH:996555123456]]&email=[[EM:zhanyl.t@gmail.com]]&amount=500&order=20261126-1122',
    'https://api.sms.kg/send?login=shopkg&to=[[PH:996705112233]]&text=Kod+4821&from=SHOP.KG',
    'http://[[IP:10.0.0.15]]:8080/actuator/health',
    'https://crm.company.kg/clients/search?q=[[PIN:23012199500321]]&page=2',
    'https://wa.me/[[PH:996550123987]]?text=Салам',
    'tel:[[PH:+996312621140]]',
    'mailto:[[EM:info@ksucta.kg]]?subject=Абитуриент',
    'https://maps.google.com/?q=42.8746,74.5698&z=17',
    'https://t.me/+AbC1234567890xyz',
    'GET /v1/users/5551234567/orders?limit=50&offset=100 HTTP/1.1',
    'https://github.com/acme/app/commit/9f3c2b7e1a4d5f60b8c9d0e1f2a3b4c5d6e7f809',
    'https://cdn.shop.kg/img/products/996555/thumb@2x.png',
    'redirect_uri=https%3A%2F%2Fapp.kg%2Fcb&login_hint=[[EM:temir.a%40gmail.com]]&state=7f3c9a12',
    'https://[[[IP:2001:db8:85a3::8a2e:370:7334]]]:8443/api',
]

CSV = [
    'id;fio;phone;email;pin\n1;Асанов Бакыт;[[PH:0555123456]];[[EM:b.asanov@mail.ru]];[[PIN:21710196500987]]',
    '2;Токтогулова Айнура;[[PH:+996 700 11 22 33]];;[[PIN:11402199200444]]',
    '3,"Ibraimov, Ulan",[[PH:996 555 123456]],[[EM:ulan.ibraimov@yandex.kg]],AN,[[PP:3456789]],Bishkek',
    'client_id,passport,issued_by,issue_date\n100482231,[[PP:ID2345678]],МКК 50-03,2019-08-12',
    '100482232,[[PP:AN1234567]],ИИМ 50-55,2012-02-03',
    'date,amount,card,status\n2026-11-25,1500.00,4169 58** **** 5670,OK\n2026-11-25,250.00,**** 6785,OK',
    'txn_id,account,amount\n20261126000123,1240020001234567,12500.00\n20261126000124,1180000012345678,830.00',
    'sku,ean,price\n10023,4870001234564,129.90\n10024,4607001770016,89.00',
    'okpo,inn,name\n22383800,00108199510201,ОсОО "Ала-Тоо Трейд"',
    'name,phone\nКурманбекова Гулиза,"[[PH:(0312) 62-41-40]]"\nБеков Азамат,[[PH:0 (3222) 5-55-55]]',
    'timestamp,src_ip,dst_ip,bytes\n1732612345,[[IP:192.168.1.14]],[[IP:8.8.8.8]],1420\n1732612346,[[IP:192.168.1.14]],[[IP:1.1.1.1]],88',
]

SMS_GATEWAY = [
    '2026-11-26 10:40:01 [smpp] submit_sm src=SHOP.KG dst=[[PH:996555123456]] seq=881234 msg_id=0A1B2C3D status=ESME_ROK',
    '2026-11-26 10:40:02 [smpp] deliver_sm src=[[PH:996777456123]] dst=4040 text="STOP" seq=881235',
    '2026-11-26 10:40:05 [smpp] DLR id:0A1B2C3D sub:001 dlvrd:001 submit date:2611261040 done date:2611261040 stat:DELIVRD err:000',
    'SMS to [[PH:+996 550 77 88 99]] failed: number not in service (operator MegaCom, mccmnc 43705)',
    'USSD session *697*0# from [[PH:996700554433]] ended after 3 steps',
    'Kannel: [[IP:10.20.1.4]] smsbox connected; queue 0, sent 124412, received 3310, throughput 14.22 msg/s',
    'OTP 482 193 отправлен на номер [[PH:+996 (555) 123-456]], действителен 5 минут',
    'IMEI 356938035643809 registered to msisdn [[PH:996555220011]], ICCID 8999605112345678905',
    'HLR lookup [[PH:+996 221 234 567]]: status=ACTIVE imsi=437010012345678 ported=false',
    'Rate limit: 5 SMS/hour per number, blocked until 2026-11-26 11:40:00',
]

BANK = [
    'POS 10020931 MERCHANT 0000412 PURCHASE card [[CC:4276380055112234]] amt 2 340,00 KGS auth 834112',
    'Оплата картой 4169 58** **** 5670 на сумму 1 250,00 сом. Баланс: 18 430,15 сом',
    'Списание по карте *6785: 500,00 KGS, MEGACOM, 26.11.2026 10:44',
    'Пополнение Элкарт [[CC:9417 1000 1234 5670]] на 3 000 сом через терминал 7711',
    'Перевод на карту [[CC:5356 2600 1234 9873]] (получатель Айгерим Т.) — 15 000,00 сом, комиссия 0',
    'Номер счета 1240020001234567, БИК 124012, ИНН банка 00108199510201',
    'Refund 88213 processed: card ending 1111, amount 45.00 USD, ref 633012874455',
    'Card test in sandbox: [[CC:4111 1111 1111 1111]] exp 12/30 cvv 123',
    'PAN [[CC:2200700112345672]] (Мир) declined by issuer, RC 05',
    'Карта 5486 0111 2233 4451 не прошла проверку (ошибка в номере)',
    'Swift BAKAKG22, acc 1091234567890123, amount 1 500 000.00 KGS',
    'Elcart: [[CC:9417100599887763]], держатель NURLAN ASANOV, срок 11/29',
    'Payment 20261126104501 of 12 500 сом approved, RRN 633012874455, STAN 004512, terminal 10020931',
    'Virtual card [[CC:4400 4300 1234 5671]] issued to client 100482231',
]

# --- KYC forms and documents -------------------------------------------------------------------
KYC = [
    'Паспорт: серия AN номер [[PP:1234567]], выдан ИИМ 50-03, 12.05.2011',
    'Документ: ID-карта [[PP:ID 2345678]], орган выдачи МКК 211031, дата выдачи 01.09.2020',
    'ПИН: [[PIN:21203199000123]]\nФИО: Асанов Бакыт Жумабекович\nТел.: [[PH:+996 555 12 34 56]]',
    'Жеке идентификациялык номер (ПИН): [[PIN:12502200300077]]',
    'Паспорттун сериясы жана номери: [[PP:ID0987654]], берилген күнү 03.03.2021',
    'ИНН [[PIN:20909198812345]], паспорт [[PP:AN2345678]]',
    'Заявитель предъявил паспорт гражданина КР [[PP:AN 0456123]] (образца 2004 г.)',
    'Загранпаспорт: [[PP:AC1234567]], действителен до 14.02.2030',
    'Идентификациялык карта №[[PP:ID3456712]]',
    'ID: [[PP:ID 4567123]]; PIN: [[PIN:13107197901100]]; e-mail: [[EM:cholpon.m@inbox.ru]]',
    'Passport No. [[PP:AN5678123]], Personal No. [[PIN:21710196500987]], Nationality: KGZ',
    'Организация: ОсОО «Бишкек Сервис», ИНН 02507199510010, ОКПО 29693656, рег. № 133580-3301-000',
    'Индивидуальный предприниматель, ИНН [[PIN:11505198700456]], патент № 0012345',
    'Анкета: паспорт [[PP:ID0123456]], ПИН [[PIN:22811200100789]], моб. [[PH:0(555)98-76-54]], e-mail [[EM:d.sydykova@gmail.com]]',
    'Свидетельство о рождении II-АН № 123456, выдано 12.03.2015',
    'Договор № 2026/11-0451 от 26.11.2026, приложение 3, стр. 14',
    'Кардардын ПИНи [[PIN:23012199500321]] туура эмес',
    'Маалымат: ПИН [[PIN:10107197501234]], паспорт [[PP:ID 1928375]], байланыш: [[PH:0700 12 34 56]]',
    'Серия паспорта: ID, номер: [[PP:2468013]]',
    'Personal number [[PIN:11402199200444]] does not match the ID card [[PP:ID2233445]]',
    'ПИН-код карты не сообщайте никому. Код из СМС: 4821',
    'Введите ИНН (14 цифр): ______________',
    'Пример заполнения: ПИН 2ДДММГГГГXXXXX',
    'ИНН 31203199000123 — ошибка: первая цифра должна быть 1 или 2',
    'Паспорт: [[PP:АN 3456789]] (старого образца)',
]

# --- chats and support messages ----------------------------------------------------------------
CHATS = [
    'менин номерим [[PH:0555 12 34 56]], чалып коюңузчу',
    'номур: [[PH:+996-700-123-456]]',
    'WhatsApp [[PH:+996 (777) 12-34-56]] жазыңыз',
    'звоните [[PH:0312 61-12-34]] с 9 до 18',
    'тел [[PH:8 0555 123456]] Бакыт',
    'Салам! Мага [[PH:0700123456]]-га чалып коюңуз',
    'номерим өзгөрдү: [[PH:0 770 45 67 89]]',
    'Срочно перезвоните на [[PH:+996 (555) 44-33-22]], это по заказу 4512',
    'мой вацап [[PH:+996555112233]], пишите',
    'тел. [[PH:62-41-40]], спросить Нургуль',
    'Здравствуйте, можно доставку в 14:30? мой номер [[PH:0 (500) 11-22-33]]',
    'курьер чалат [[PH:0 222 33 44 55]] номеринен',
    'Контакт для связи: [[PH:0999 88 77 66]] (Айбек), [[PH:0772 10 20 30]] (Жылдыз)',
    'hi! my number is [[PH:+996 507 123 456]], call after 6pm',
    'pls text me on whatsapp [[PH:+996 55 512 3456]]',
    'email me at [[EM:aizada.bekova@gmail.com]] or call [[PH:+996 (705) 12 34 56]]',
    'привет, скинь на почту [[EM:ermek-b@mail.ru]] договор',
    'почтам: [[EM:gulnara_a@bk.ru]], ошого жибериңиз',
    'Карта номуру [[CC:4169 5853 1234 5670]] га акча салып койдуңбу?',
    'на мою карту [[CC:4276 3800 5511 2234]] скиньте пожалуйста',
    'код подтверждения 482193, никому не сообщайте',
    'встречаемся в 18:30 у ЦУМа, я в синей куртке',
    'заказ №555123456 кайда жүрөт?',
    'баасы 12 500 сом, жеткирүү 200 сом',
    'сен 0555 деп жазган экенсиң, калганы кайда?',
    'У меня тариф за 555 сом, 30 ГБ',
    'Ооба, 2026-жылы 12-майда келем',
    'мой старый номер [[PH:0555123456]]-был, теперь [[PH:0700654321]]',
    'Айыл банкка [[PH:0 (3922) 5-12-34]] номуруна чалыңыз, Каракол',
    'номерим +996 555 ...? жок, [[PH:0555 987 654]]',
    'call center: [[PH:+996 312 98 76 54]], short number 119',
    'доставка бесплатно от 3000 сом, тел 102 — полиция, 103 — скорая',
    'Тапшырма: 5 × 12 = 60, 123 456 789 деген сан',
    'ватсап [[PH:8 (777) 12 34 56]] Айгерим',
]

# --- foreign numbers (migrants, partners, relatives) -----------------------------------------
FOREIGN = [
    'Брат в Москве, его номер [[PH:+7 (916) 123-45-67]]',
    'Алматы офис: [[PH:8 (727) 250-12-34]], моб. [[PH:+7 701 234 56 78]]',
    'Ташкент: [[PH:+998 90 123 45 67]], Душанбе: [[PH:+992 93 555 1234]]',
    'Uzbek partner switchboard: [[PH:+998 71 200 00 00]]',
    'Istanbul supplier: [[PH:+90 532 123 45 67]]',
    'US office [[PH:+1 (415) 555-0134]], UK [[PH:+44 20 7946 0958]]',
    'Россия номер [[PH:89161234567]] жазып алдым',
    'Казахстанский номер [[PH:+77012345678]] не отвечает',
    'Call from [[PH:+7 495 123-45-67]] (Moscow, landline) at 10:14',
    'Работаю в Екатеринбурге, мой номер [[PH:8-912-345-67-89]]',
]

# --- e-mail addresses in their many shapes ------------------------------------------------------
EMAILS = [
    'From: "Айгерим Токтосунова" <[[EM:aigerim.toktosunova@ucentralasia.org]]>',
    'Reply-To: [[EM:support+ticket-88213@help.shop.kg]]',
    'Cc: [[EM:b.osmonov@students.manas.edu.kg]], [[EM:dean-office@manas.edu.kg]]',
    'Почта для резюме: [[EM:hr@мойсайт.кг]]',
    'Email: [[EM:ЖЫЛДЫЗ.А@mail.ru]]',
    'contact [[EM:Nurlan.Asanov@Gmail.com]] for details',
    'git remote add origin git@github.com:kgdev/kgpii.git',
    'npm i lodash@4.17.21 react@18.3.1',
    'logo@2x.png, icon@3x.webp',
    'ssh root@srv-bishkek-01 -p 2222',
    'Telegram: @aibek_kg, Instagram: @shop.kg',
    'Message-ID: <20261126104501.88213@mx1.shop.kg>',
    'user [[EM:oneil.k@example.org]] not found',
    'Jabber [[EM:dev_team@xmpp.kg]] | Skype: live:.cid.1a2b3c4d5e',
    'Если не получили письмо, проверьте папку «Спам» в [[EM:asel1995@yandex.ru]]',
    'Контакты: [[EM:info@akipress.org]]; [[EM:reklama@kaktus.media]]',
    'uid=[[EM:k.abdyldaev@gov.kg]],ou=people,dc=gov,dc=kg',
    'webmaster@localhost notice: disk 91% full',
    'Менин почтам [[EM:bekzat.uulu_2001@gmail.com]] эле',
]

# --- more hard negatives (no PII) -----------------------------------------------------------------
NEGATIVES = [
    '2026-11-26T10:15:32.481+06:00 heartbeat ok seq=20261126101532',
    'Build 20240414230712 finished in 00:04:12',
    'Order #20261126-004512 shipped, tracking RA123456789KG (Кыргыз почтасы)',
    'Трек-номер: LP00123456789012, посылка прибыла в сортировочный центр 720001',
    'Сумма к оплате: 1 500 000 сом (один миллион пятьсот тысяч)',
    'Координаты: 42.8746, 74.5698; высота 800 м',
    'Firmware v2.3.4.5 installed, bootloader 1.0.12',
    'OID 1.3.6.1.4.1.2021.10.1.3.1 value 0.42',
    'sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    'md5=e10adc3949ba59abbe56e057f20f883e',
    'Release 10.0.19045.4291 (Windows 10 22H2)',
    'Ставка 14,75%, срок 36 мес., платеж 12 345,67 сом',
    'Автомобиль 01KG123ABC, 2016 года выпуска',
    'Госномер 01 123 ABC, VIN WDB2030461A123456',
    'ОКПО 29693656, БИК 124012, СОАТЕ 41711000000000',
    'Приказ № 2020-П-33/54-3, регистрационный номер 10216-3301-ЗАО',
    'Счет-фактура 0012345678 от 26.11.2026',
    'ISIN KG0101041711, объем выпуска 500 000 000 сом',
    'Табельный номер 000451, отдел 12, каб. 305',
    'Dial *228*1*5# to check the balance, or call 4040',
    'Timeout after 30000 ms (retries=3, backoff=2.0)',
    'Tiles 12/2897/1521.png requested 455123 times',
    'Population of Bishkek: 1 145 000 (2024), Osh: 322 000',
    'epoch 1732612345, ns 1732612345678901234',
    'Parcel 5551234567 weight 2.35 kg',
    'MAC 00:1A:2B:3C:4D:5E, serial SN-7712-0045-88',
    'uuid 123e4567-e89b-12d3-a456-426614174000',
    "socket.remoteAddress: '[[IP:::ffff:95.47.169.5]]', remotePort: 50211",
    'Nov 26 12:00:01 r1 radvd[901]: sending RA from [[IP:2a0b:b87:ffb5:1::1]] to [[IP:ff02::1]] on br0',
    'IPv6 is enabled on this interface; prefix length 64, scope link',
    'Time 12:34:56, duration 01:02:03:04',
    'ИНН 02507199510010 (юр. лицо), ИНН 00108199510201',
    'Reference: 9417-1000-1234-5671 (invalid checksum)',
    'Заказ 4111 1111 1111 1112 не найден',
    'ICCID 8999605112345678905 активирован',
    'IMEI: 356938035643809',
    'Телефонный код Кыргызстана +996, Бишкек 312, Ош 3222',
    'Ошибка 0x80070005, код 996',
]

# --- set B: written after the fixes, measured blind once ---------------------------------------
FRESH = [
    '[[IP:94.143.198.12]] - - [02/Dec/2026:08:01:12 +0600] "POST /api/v3/login HTTP/1.1" 401 64 "https://my.o.kg/" "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) Safari/605.1.15"',
    '[[IP:10.200.3.41]] - - [02/Dec/2026:08:01:13 +0600] "GET /api/v3/subscriber/[[PH:996500112233]]/balance HTTP/1.1" 200 88',
    '2026/12/02 08:02:44 [warn] 771#771: *5512 client sent invalid header line while reading client request headers, client: [[IP:2a0e:97c0:3e1::a4]], server: _',
    'Dec  2 08:03:10 vpn2 openvpn[1442]: [[IP:31.186.54.77]]:1194 [[EM:e.mambetov@bakai.kg]]/[[IP:31.186.54.77]]:1194 MULTI_sva: pool returned IPv4=[[IP:10.8.0.14]]',
    'Dec  2 08:04:55 app01 node[2210]: POST /signup 500 - Error: duplicate phone "[[PH:+996 (708) 44-55-66]]"',
    'Dec  2 08:05:00 cron01 CRON[9912]: (root) CMD (/usr/local/bin/backup.sh --keep 14 > /var/log/backup-20261202.log 2>&1)',
    '2026-12-02 08:06:17.331 ERROR 1 --- [io-8080-exec-11] k.o.b.ClientService : KYC rejected, pin=[[PIN:10312198400211]], reason=DOCUMENT_EXPIRED',
    '2026-12-02 08:06:18.002 INFO 1 --- [io-8080-exec-12] k.o.b.ClientService : KYC ok, document=[[PP:ID3344556]], client=48812733',
    'raise InvalidCard(f"bad pan {pan}")  # pan=[[CC:5486011122334450]]',
    'sqlalchemy.exc.IntegrityError: (psycopg2.errors.UniqueViolation) duplicate key value violates unique constraint "ix_users_email"\nDETAIL:  Key (email)=([[EM:aidai.mukanbetova@gmail.com]]) already exists.',
    '{"type":"sms","to":"[[PH:+996 228 123 456]]","text":"Ваш код: 5512","sender":"BAKAI","status":"queued","parts":1}',
    '{"user":{"id":48812733,"email":"[[EM:s.turgunbaev@ktmu.edu.kg]]","phone":null,"last_ip":"[[IP:178.217.172.4]]"}}',
    '{\\"card\\":\\"[[CC:2202201030405068]]\\",\\"holder\\":\\"ASEL K\\",\\"exp\\":\\"03/27\\"}',
    '{"passport":{"series":"ID","number":"[[PP:5566778]]"},"pin":"[[PIN:22505199100018]]"}',
    '{"geo":"42.8412,75.2963","region":"Issyk-Kul","ts":"2026-12-02T02:06:18Z","build":"7.14.2.1908"}',
    'https://bank.kg/api/sbp/lookup?phone=[[PH:0555778899]]&amount=1500',
    'https://forms.gov.kg/submit?inn=[[PIN:12807198900335]]&email=[[EM:kaiyrkul.d%40mail.ru]]',
    'https://[[IP:203.0.113.45]]/admin/login.php?redirect=%2Fdashboard',
    'rows: id|name|phone|email\n17|Жанылай Абдиева|[[PH:0(772)31-45-67]]|[[EM:janylai.a@list.ru]]',
    '18;Мамытов Эрлан;[[PH:+996-555-010-203]];[[PIN:20101198000456]];[[PP:AN 7788990]]',
    'id,ip,ua\n1,[[IP:81.88.192.14]],Mozilla/5.0\n2,[[IP:2001:470:1f0b:1a2::3]],curl/8.1',
    '2026-12-02 08:10:00 [smsc] submit_sm_resp seq=991201 msg_id=5F12AB dst=[[PH:996552334455]] cmd_status=0x00000000',
    '2026-12-02 08:10:02 [smsc] deliver_sm src=1414 dst=[[PH:996779001122]] text="Баланс: 45,20 сом"',
    'Отправка SMS на [[PH:+996 (0555) 12 34 56]]: доставлено',
    'POS 20041122 purchase card [[CC:5169 4931 2345 6785]] amt 980,00 KGS',
    'Списание 12 000,00 сом с карты 5356 26** **** 9873, остаток 3 412,50 сом',
    'Card 4276 3800 5511 2235 rejected: invalid number',
    'Account 1250000033445566 credited 25 000 KGS, ref 20261202081100',
    'Паспорт: [[PP:ID 6677889]]',
    'Берилген документ: паспорт [[PP:AN3322110]], ким тарабынан: ИИМ 50-12',
    'Арызчынын ПИНи: [[PIN:12304199700512]], тел: [[PH:0 550 66 77 88]]',
    'ИНН организации 01405200310027, ИНН руководителя [[PIN:21105197800141]]',
    'номер паспорта [[PP:AC 2233445]], срок действия до 2031 года',
    'Шаблон ПИН: 1 или 2, затем дата рождения ДДММГГГГ и 5 цифр',
    'мага [[PH:0 555 44 33 22]] ге жазып коюңуз',
    'балам, [[PH:0703 11 22 33]] номерине чал',
    'Напиши мне в телегу или на [[PH:+996 999 000 111]]',
    'my whatsapp: [[PH:+996 (550) 12 34 56]] thx',
    'номер мамы в Казани [[PH:+7 (843) 212-34-56]]',
    'Алматыдагы агамдын номери [[PH:+7 747 123 4567]]',
    'ташкентский номер [[PH:+998 (93) 123-45-67]]',
    'скинь чек на [[EM:dinara.kasymova@icloud.com]] пж',
    'почта: [[EM:admin+alerts@monitoring.infra.shop.kg]]',
    'Email: [[EM:Бакыт.А@почта.рф]]',
    'Жооп: [[EM:kg.support@megacom.kg]] дарегине жазыңыз',
    'npm WARN deprecated request@2.88.2: request has been deprecated',
    'Photo saved as avatar@3x.jpg (245 KB)',
    'ssh deploy@[[IP:10.0.5.3]] -i ~/.ssh/id_ed25519',
    'Заказ 20261202-0077 на сумму 3 450 сом, курьер приедет в 15:30',
    'Трек RR123456785KG, вес 1,2 кг',
    'Координаты точки: 40.5283, 72.7985 (Ош)',
    'Версия приложения 3.12.0.4411, сборка 20261202',
    'IMSI 437050123456789, IMEI 490154203237518',
    'sha1 3f786850e387550fdab836ed7e6dc881de23001b',
    'UUID 9b2c1e7a-3d4f-4a5b-8c6d-7e8f9a0b1c2d',
    'Итого: 1 234 567,89 сом; НДС 12%',
    'Дата рождения 12.03.1990, стаж 14 лет',
    'USSD *505*1# баланс, *999# пакеттер',
    'Приоритет 5, очередь 555, воркеров 12, ошибок 0',
    'Kubernetes node 10.0.0.0/16 pool resized to 12 nodes',
    'telegram user_id=5551234567, chat -1001998877665',
    'Экспорт: 4 870 000 строк за 00:03:12',
    'tel: [[PH:+996312987654]], fax: [[PH:+996312987655]]',
    'IP клиента [[IP:213.109.66.2]], порт 44321',
    'from [[IP:fd00:1234:abcd::10]] port 22',
    'Client [[EM:ruslan.b@hotmail.com]] requested deletion, ip=[[IP:5.34.16.200]]',
]


def luhn_ok(number: str) -> bool:
    digits = [int(c) for c in number if c.isdigit()][::-1]
    total = sum(d if i % 2 == 0 else (d * 2 - 9 if d > 4 else d * 2) for i, d in enumerate(digits))
    return total % 10 == 0


def check_value(code: str, value: str) -> None:
    """Refuse a marked value that is not what its type says (a typo in a hand-written card or ПИН)."""
    if code == "CC" and not (13 <= sum(c.isdigit() for c in value) <= 19 and luhn_ok(value)):
        raise ValueError(f"card {value!r} fails Luhn")
    if code == "PIN":
        if not (len(value) == 14 and value.isdigit() and value[0] in "12"):
            raise ValueError(f"ПИН {value!r} is not 1/2 + 13 digits")
        datetime.date(int(value[5:9]), int(value[3:5]), int(value[1:3]))


def build(groups) -> list[dict]:
    """Strip the `[[TYPE:value]]` markers of each text and record the typed spans they enclosed."""
    docs = []
    for kind, texts in groups:
        for marked in texts:
            parts, ents, pos, last = [], [], 0, 0
            for m in MARK.finditer(marked):
                code, value = m.group(1), m.group(2)
                check_value(code, value)
                parts.append(marked[last : m.start()])
                pos += m.start() - last
                ents.append({"start": pos, "end": pos + len(value), "type": TYPES[code]})
                parts.append(value)
                pos += len(value)
                last = m.end()
            parts.append(marked[last:])
            plain = "".join(parts)
            if MARK.search(plain) or "[[PH:" in plain or "[[IP:" in plain:
                raise ValueError(f"unbalanced marker in {marked!r}")
            for e, m in zip(ents, MARK.finditer(marked)):
                assert plain[e["start"] : e["end"]] == m.group(2)
            docs.append({"id": len(docs), "kind": kind, "text": plain, "entities": ents})
    return docs


def main() -> int:
    write(OUT, build((("web_log", WEB_LOGS), ("app_log", APP_LOGS), ("payload", PAYLOADS), ("url", URLS),
                      ("csv", CSV), ("sms_gateway", SMS_GATEWAY), ("bank", BANK), ("kyc", KYC),
                      ("chat", CHATS), ("foreign", FOREIGN), ("email", EMAILS), ("negative", NEGATIVES))),
          "structured")
    if FRESH:
        write(OUT_FRESH, build((("fresh", FRESH),)), "structured")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
