/**
 * The passwords people pick first, from the public top lists of leaked passwords plus the ones
 * common in Vietnam (Vietnamese words typed without accents, keyboard runs, "123456789a" style).
 * Compared lower-cased, and also with the digits and symbols at either end taken off, so
 * "matkhau2026!" counts as "matkhau". No npm package with such a list is installed; if one is
 * added (e.g. @zxcvbn-ts/language-common), this list can give way to it.
 */
export const commonPasswords = new Set(
  `
123456 123456789 12345678 1234567890 12345 1234567 123123 111111 000000 654321 666666 888888
999999 123321 112233 121212 159753 987654321 0123456789 1111111111 1234512345 12341234
11111111 88888888 66666666 123654 147258369 147258 789456123 456789 5201314 1314520
password passw0rd password1 password123 p@ssword p@ssw0rd pass admin administrator root
qwerty qwertyuiop qwerty123 qwe123 123qwe 1qaz2wsx 1q2w3e4r 1q2w3e4r5t 1q2w3e qazwsx qazwsxedc
zxcvbnm zxcvbn asdfgh asdfghjkl asdf1234 abc abcd abcdef abc123 abcd1234 abcdefgh abcdefghij
a123456 a123456789 aa123456 123456a 123456aa 123456abc 1234567a 12345678a 123456789a
123456789abc 1234567890a 123abc iloveyou iloveyou123 welcome welcome1 login letmein monkey
dragon master shadow sunshine princess football baseball superman batman trustno1 starwars
freedom whatever secret secret123 changeme default guest test test123 testing user
computer internet google facebook samsung nokia iphone zalo
matkhau matkhau1 matkhau123 matkhau1234 matkhaumoi matkhaucuatoi mk123456 mk123
anhyeuem emyeuanh anhyeuem123 emyeuanh123 yeuem yeuanh yeuemnhieu yeuemmaimai anhyeuemnhieu
iloveu iloveyouvn toiyeuem toiyeuvietnam vietnam vietnam123 vietnam1234 vietnamvodich
hanoi hanoi123 saigon saigon123 hochiminh danang haiphong
dangvien dangvien123 dangbo chibo sotay sotay123 quantri quantri123 quantrivien
xinchao xinchao123 hello hello123 khongbiet khongco chaoban tamsotay
conmeo concho mattroi muathu bautroi hoahong thienthan
nguyen tran le pham hoang huynh vu vo dang bui do ho ngo duong ly
123456789@ 123456@ 12345678@ @123456 abc@123 admin@123 admin123 admin1234 root123
`
    .split(/\s+/)
    .filter(Boolean),
)
