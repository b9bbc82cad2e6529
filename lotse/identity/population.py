"""Curated names and places of the main countries of origin 2015–2025, for generated data.

Each entry is "Latin spelling|other spellings met in German files=original script". The lists
are small on purpose: plausible, not a census. Somali, Turkish and Nigerian names are written in
Latin letters at home, so they have no second script here.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Name:
    spellings: tuple[str, ...]  # first is the most common Latin spelling
    script: str = ""


@dataclass(frozen=True)
class Country:
    code: str  # ISO 3166-1 alpha-3
    share: float  # of the generated persons
    placeholder_rate: float  # of birth dates recorded as 01.01. of the stated year
    male: tuple[Name, ...]
    female: tuple[Name, ...]
    family: tuple[Name, ...]
    places: tuple[Name, ...]
    family_is_fathers_name: bool = False  # Eritrean custom: the child's second name


def _names(text: str) -> tuple[Name, ...]:
    names = []
    for entry in text.split(","):
        entry = entry.strip()
        if not entry:
            continue
        latin, _, script = entry.partition("=")
        names.append(Name(tuple(s.strip() for s in latin.split("|")), script.strip()))
    return tuple(names)


_ARAB_MALE = """Mohammed|Muhammad|Mohamad|Mohamed|Mhd=محمد, Ahmad|Ahmed|Achmed=أحمد,
Mahmoud|Mahmud|Mahmood=محمود, Ali=علي, Omar|Umar=عمر, Khaled|Khalid|Chaled=خالد,
Hussein|Husain|Hussain=حسين, Hassan|Hasan=حسن, Youssef|Yusuf|Yousef|Jusuf=يوسف,
Ibrahim|Ebrahim=إبراهيم, Mustafa|Mostafa|Moustafa=مصطفى,
Abdulrahman|Abdul Rahman|Abd al-Rahman|Abdelrahman=عبدالرحمن,
Abdullah|Abdallah|Abdulla=عبدالله, Walid|Waleed=وليد, Samir|Sameer=سمير, Tarek|Tariq=طارق,
Yasin|Yassin=ياسين, Jamal|Djamal=جمال, Rami=رامي, Bashar=بشار, Firas=فراس, Anas=أنس,
Bilal=بلال, Nour al-Din|Nureddin|Nour Eddin=نور الدين, Qasim|Kassem|Kasim=قاسم, Saleh|Salih=صالح,
Hamza|Hamsa=حمزة, Majid|Majed=ماجد, Ayman|Aiman=أيمن, Fadi=فادي"""
_ARAB_FEMALE = """Fatima|Fatma|Fatimah=فاطمة, Aisha|Aischa|Aysha=عائشة, Maryam|Mariam=مريم,
Zainab|Zeinab|Zaynab=زينب, Khadija|Chadidscha|Khadidja=خديجة, Amina|Aminah=أمينة, Nour|Nur|Noor=نور,
Rania=رانيا, Hala=هالة, Layla|Leila|Laila=ليلى, Sara|Sarah=سارة, Rim|Reem=ريم, Hiba|Heba=هبة,
Asmaa|Asma=أسماء, Rasha=رشا, Yasmin|Jasmin|Yasmine=ياسمين, Dima=ديما, Lina=لينا, Ola|Ula=علا,
Ghada=غادة, Huda|Houda=هدى, Samira|Sameera=سميرة"""
_SYRIA_FAMILY = """Al-Hassan|Alhassan|Al Hasan=الحسن, Al-Ahmad|Alahmad=الأحمد, Al-Ali|Alali=العلي,
Hamoud|Hammoud=حمود, Al-Khalil|Alkhalil=الخليل, Al-Mohammed|Almohamad=المحمد, Haddad=حداد,
Al-Sheikh|Alsheikh|Al-Scheich=الشيخ, Kassem|Qasem|Kasem=قاسم, Darwish|Darwisch=درويش,
Al-Hussein|Alhussein|Al-Husain=الحسين, Othman|Osman|Uthman=عثمان, Al-Masri|Almasri=المصري,
Khatib|Al-Khatib|Chatib=خطيب, Najjar|Al-Najjar|Nadschar=نجار, Sabbagh|Sabag=صباغ,
Al-Halabi|Alhalabi=الحلبي, Suleiman|Sulaiman|Sleiman=سليمان, Youssef|Yousef|Yusuf=يوسف,
Ibrahim|Ebrahim=إبراهيم, Al-Hamoud|Alhamoud=الحمود, Shaheen|Schahin|Shahin=شاهين,
Aboud|Abboud=عبود, Al-Saleh|Alsaleh=الصالح, Mansour|Mansur=منصور, Hajj Ali|Haj Ali=حاج علي"""
_IRAQ_FAMILY = """Al-Jubouri|Aljuburi|Al-Dschuburi=الجبوري, Al-Obaidi|Alobaidi=العبيدي,
Al-Dulaimi|Aldulaimi=الدليمي, Al-Saadi|Alsaadi=الساعدي, Hussein|Husain=حسين,
Al-Tamimi|Altamimi=التميمي, Kadhim|Kazim|Kathem=كاظم, Jassim|Jasim|Dschassim=جاسم, Abbas=عباس,
Al-Rubaie|Alrubaie=الربيعي, Mahmoud|Mahmud=محمود, Saleh|Salih=صالح, Khalaf|Chalaf=خلف,
Murad|Mourad=مراد, Haji|Hajji=حجي, Qasim|Kasim=قاسم, Khudhur|Khidir|Chidir=خضر, Naser|Nasser=ناصر"""
_AFGHAN_MALE = """Mohammad|Mohammed|Muhammad=محمد, Ahmad|Ahmed=احمد, Ali=علی, Reza|Resa=رضا,
Hamid|Hameed=حمید, Mahmood|Mahmud=محمود, Naser|Nasir|Nasser=ناصر, Javad|Jawad=جواد,
Ghulam Sakhi|Gholam Sakhi|Ghulamsakhi=غلام سخی, Abdul Ghafoor|Abdulghafor|Abdul Ghafur=عبدالغفور,
Sayed|Sayyid|Said=سید, Hussain|Hossein|Husain=حسین, Farid|Fareed=فرید, Wahid|Vahid=وحید,
Zabihullah|Sabihullah|Zabiullah=ذبیح‌الله, Mujtaba|Mudschtaba=مجتبی, Shafiq|Schafiq|Shafik=شفیق,
Noor Ahmad|Nur Ahmad|Noorahmad=نور احمد, Rahmatullah|Rahmatulla=رحمت‌الله,
Jawid|Javid|Dschawid=جاوید,
Omid|Umid=امید, Bilal=بلال, Sohrab|Suhrab=سهراب, Ismail|Esmail=اسماعیل"""
_AFGHAN_FEMALE = """Zahra|Sahra=زهرا, Fatima|Fatema|Fatimah=فاطمه, Maryam|Mariam=مریم,
Masooma|Masuma|Masoumeh=معصومه, Shukria|Schukria|Shukriya=شکریه, Nargis|Narges=نرگس,
Parwana|Parvaneh|Parwane=پروانه, Sima=سیما, Freshta|Fereshteh|Frishta=فرشته, Laila|Leila|Layla=لیلا,
Somaya|Sumaya|Somayeh=سمیه, Sakina|Sakineh=سکینه, Khadija|Hadija=خدیجه, Shabnam|Schabnam=شبنم,
Nazanin|Nasanin=نازنین, Mahbooba|Mahbuba=محبوبه, Gulalai|Gulalei=گلالۍ, Hakima|Hakimeh=حکیمه"""
_AFGHAN_FAMILY = """Ahmadi|Achmadi=احمدی, Mohammadi|Muhammadi|Mohamadi=محمدی,
Hosseini|Husseini|Hussaini=حسینی, Rahimi|Rahimy=رحیمی, Haidari|Heidari|Haydari=حیدری,
Karimi|Kareemi=کریمی, Rezaei|Rezai|Rezaie=رضایی, Sultani|Soltani=سلطانی,
Jafari|Jaafari|Dschafari=جعفری,
Hakimi=حکیمی, Noori|Nuri|Nouri=نوری, Sadat|Saadat=سادات, Amiri=امیری, Popal=پوپل,
Stanekzai|Stanikzai=ستانکزی, Safi=صافی, Nazari|Nasari=نظری, Azizi|Asisi=عزیزی, Wardak|Vardak=وردک,
Habibi=حبیبی, Qaderi|Kaderi|Ghaderi=قادری, Sharifi|Scharifi=شریفی"""
_IRAN_MALE = """Mohammad|Mohammed|Muhammad=محمد, Ali=علی, Hossein|Hussein|Hosein=حسین, Reza=رضا,
Mehdi|Mahdi=مهدی, Amir=امیر, Saeed|Said|Saeid=سعید, Hamid=حمید, Javad|Jawad=جواد,
Mohammadreza|Mohammad Reza|Mohammad-Reza=محمدرضا, Alireza|Ali Reza|Ali-Reza=علیرضا,
Majid|Madschid=مجید,
Behnam=بهنام, Babak=بابک, Kaveh|Kaweh=کاوه, Farhad=فرهاد, Arash|Arasch=آرش, Morteza|Mortesa=مرتضی,
Hamidreza|Hamid Reza=حمیدرضا, Ehsan|Ehssan=احسان"""
_IRAN_FEMALE = """Fatemeh|Fatima|Fateme=فاطمه, Zahra|Sahra=زهرا, Maryam|Mariam=مریم,
Narges|Nargis=نرگس, Shirin|Schirin=شیرین, Parisa=پریسا, Leila|Leyla|Laila=لیلا, Mina=مینا,
Sara|Sarah=سارا, Nasrin=نسرین, Azadeh|Asadeh=آزاده, Elham=الهام, Somayeh|Somaye=سمیه,
Mahsa|Mahssa=مهسا, Roya|Roja=رویا, Neda=ندا"""
_IRAN_FAMILY = """Mohammadi|Mohamadi=محمدی, Hosseini|Hoseini|Husseini=حسینی, Ahmadi=احمدی,
Rezaei|Rezai|Rezaee=رضایی, Moradi|Muradi=مرادی, Karimi=کریمی, Jafari|Djafari=جعفری, Rahimi=رحیمی,
Hashemi|Haschemi=هاشمی, Sadeghi|Sadeqi|Sadighi=صادقی, Ghorbani|Qorbani|Gorbani=قربانی,
Heidari|Heydari|Haidari=حیدری, Kazemi|Kasemi|Kazimi=کاظمی, Mousavi|Musavi|Moussawi=موسوی,
Abbasi=عباسی, Najafi|Nadschafi=نجفی, Rostami|Rustami=رستمی, Tehrani|Teherani=تهرانی,
Alizadeh|Ali-Zadeh|Alisadeh=علیزاده, Hosseinzadeh|Hoseinzadeh=حسین‌زاده"""
_ERITREA_MALE = """Yohannes|Johannes|Yohanes=ዮሃንስ, Tesfay|Tesfaye|Tesfai=ተስፋይ, Haile|Hayle=ሃይለ,
Berhane|Birhane=ብርሃነ, Mehari|Meharie=መሓሪ, Filmon|Filimon=ፊልሞን, Samuel|Samiel=ሳሙኤል,
Daniel=ዳንኤል, Michael|Mikael=ሚካኤል, Yonas|Jonas=ዮናስ, Kidane|Kidanu=ኪዳነ, Habte|Habtu=ሃብተ,
Tekle|Teklay=ተኽለ, Amanuel|Emanuel=ኣማኑኤል, Biniam|Biniyam=ቢንያም, Efrem|Ephrem=ኤፍሬም,
Senay|Senai=ሰናይ, Mussie|Musie=ሙሴ, Merhawi|Mirhawi=መርሃዊ, Abraham|Abrham=ኣብርሃም"""
_ERITREA_FEMALE = """Helen=ሄለን, Selam|Salam=ሰላም, Senait|Senayt=ሰናይት, Saba=ሳባ,
Yordanos|Jordanos=ዮርዳኖስ, Eden=ኤደን, Feven|Fiven=ፌቨን, Luwam|Luam=ሉዋም, Tsega|Tsegga=ጸጋ,
Rahel|Rachel=ራሄል, Tirhas|Tirhass=ትርሓስ, Hiwet|Hiwot=ሕይወት, Mebrat|Mibrat=መብራት,
Abrehet|Abrhet=ኣብርሄት, Winta|Wineta=ዊንታ, Semhar|Semhare=ሰምሃር"""
_ERITREA_FAMILY = """Tesfamariam|Tesfamaryam=ተስፋማርያም, Ghebremedhin|Gebremedhin|Gebremedihn=ገብረመድህን,
Tekle|Teklay=ተኽለ, Habte|Habtey=ሃብተ, Berhe|Berhi=በርሀ, Gebreyesus|Ghebreyesus=ገብረየሱስ,
Kidane=ኪዳነ, Woldemichael|Weldemichael|Woldemikael=ወልደሚካኤል, Haile|Hayle=ሃይለ, Mehari=መሓሪ,
Tesfay|Tesfaye=ተስፋይ, Andemariam|Andemaryam=ኣንደማርያም, Yemane|Jemane=የማነ,
Asmerom|Asmerem=ኣስመሮም, Okbay|Ukbay=ዑቕባይ, Ghirmay|Girmay=ግርማይ, Kahsay|Kahsai=ካሕሳይ,
Zerai|Zeray=ዘራይ"""
_SOMALI_MALE = """Mohamed|Mohammed|Maxamed, Abdi|Abdy, Abdullahi|Abdulahi|Cabdullahi, Ahmed|Axmed,
Hassan|Xasan, Ali|Cali, Omar|Cumar, Yusuf|Yuusuf, Abdirahman|Abdurahman|Cabdiraxmaan,
Ismail|Ismaaciil,
Said|Saciid, Hussein|Xuseen, Farah|Faarax, Abdikarim|Abdikariim, Mahad|Mahaad, Liban|Libaan"""
_SOMALI_FEMALE = """Fadumo|Faadumo|Fatuma, Halimo|Xaliimo|Halima, Amina|Aamina, Hodan|Hodaan,
Asha|Caasha,
Khadija|Hadiijo|Khadijo, Sahra|Sahro, Hawa|Xawa, Ifrah|Ifraax, Nasra|Nasro, Maryan|Maryam,
Sagal|Sagaal, Ayan|Ayaan, Deeqa|Deka"""
_SOMALI_FAMILY = """Mohamed|Maxamed|Mohammed, Ahmed|Axmed, Ali|Cali, Hassan|Xasan, Abdi|Cabdi,
Farah|Faarax, Warsame|Warsama, Jama|Jaamac, Osman|Cusmaan, Yusuf|Yuusuf, Nur|Nuur, Mohamud|Maxamuud,
Hussein|Xuseen, Omar|Cumar, Aden|Aadan, Abdullahi|Cabdullahi, Ismail|Ismaaciil, Egal|Cigaal"""
_TURKEY_MALE = """Mehmet|Mehmed, Mustafa, Ahmet|Ahmed, Ali, Hüseyin|Hueseyin|Huseyin, Hasan,
İbrahim|Ibrahim,
Murat|Murad, Yusuf, Emre, Ömer|Oemer|Omer, Osman, Ramazan|Ramadan, Recep|Recep, Kemal|Kamal,
Serkan, Mahmut|Mahmud, Cengiz|Dschengis, Halil|Khalil, Abdullah"""
_TURKEY_FEMALE = """Fatma|Fatima, Ayşe|Ayse|Aysche, Emine, Hatice|Hatidsche, Zeynep|Zeynap,
Elif, Meryem|Meryam, Şerife|Serife|Scherife, Sultan, Hülya|Huelya|Hulya,
Gülsüm|Guelsuem|Gulsum, Esra"""
_TURKEY_FAMILY = """Yılmaz|Yilmaz, Kaya, Demir, Şahin|Sahin|Schahin, Çelik|Celik|Tschelik,
Yıldız|Yildiz,
Yıldırım|Yildirim, Öztürk|Oeztuerk|Ozturk, Aydın|Aydin, Özdemir|Oezdemir|Ozdemir, Arslan,
Doğan|Dogan, Kılıç|Kilic, Çetin|Cetin, Kara, Koç|Koc, Kurt, Özkan|Ozkan, Polat,
Güneş|Gunes|Guenes"""
_NIGERIA_MALE = """Chukwuemeka|Chukwuemeke, Oluwaseun, Ibrahim, Musa,
Abubakar|Abubakr|Abu Bakar,
Emeka, Tunde|Tundé, Chinedu, Olumide, Usman|Osman, Yusuf|Yusuff, Samuel, Daniel, Godwin,
Kelechi, Babatunde"""
_NIGERIA_FEMALE = """Blessing, Chioma, Ngozi, Aisha|Aishat|Aishah, Fatima|Fatimah, Funmilayo,
Adaeze, Joy, Esther, Amina|Aminat, Folake, Precious, Gift, Bukola, Oluwakemi"""
_NIGERIA_FAMILY = """Okafor, Adeyemi, Okonkwo, Ibrahim, Bello, Abubakar, Eze, Nwosu, Ogunleye,
Adebayo, Obi, Okeke, Mohammed|Muhammad, Balogun, Olawale, Chukwu, Danjuma, Uche, Onyekachi,
Afolabi"""
_GEORGIA_MALE = """Giorgi|Georgi=გიორგი, Davit|David=დავით, Levan|Lewan=ლევან,
Irakli|Irakliy=ირაკლი,
Nika=ნიკა, Luka=ლუკა, Zurab|Surab=ზურაბ, Giga=გიგა, Tornike=თორნიკე, Lasha|Lascha=ლაშა,
Beka=ბექა, Vakhtang|Wachtang=ვახტანგ, Archil|Artschil=არჩილ, Mamuka=მამუკა"""
_GEORGIA_FEMALE = """Nino=ნინო, Mariam|Mariami=მარიამ, Tamar|Tamara=თამარ, Ana|Anna=ანა,
Natia=ნათია,
Ketevan|Ketewan=ქეთევან, Salome=სალომე, Eka=ეკა, Tamta=თამთა, Maia|Maya=მაია, Nana=ნანა"""
_GEORGIA_FAMILY = """Beridze=ბერიძე, Kapanadze=კაპანაძე, Gelashvili|Gelaschwili=გელაშვილი,
Maisuradze|Maissuradze=მაისურაძე, Giorgadze=გიორგაძე, Lomidze=ლომიძე, Tsiklauri|Ziklauri=წიკლაური,
Bolkvadze|Bolkwadse=ბოლქვაძე, Kvaratskhelia|Kwarazchelia=კვარაცხელია, Nozadze|Nosadse=ნოზაძე,
Abashidze|Abaschidse=აბაშიძე, Chikovani|Tschikowani=ჩიქოვანი, Japaridze|Dschaparidse=ჯაფარიძე,
Kiknadze|Kiknadse=კიკნაძე, Mchedlishvili|Mtschedlischwili=მჭედლიშვილი"""
_UKRAINE_MALE = """Oleksandr|Olexandr|Aleksandr|Alexander=Олександр, Serhii|Serhiy|Sergej=Сергій,
Andrii|Andriy|Andrej=Андрій, Dmytro|Dmitri|Dmytro=Дмитро, Mykola|Nikolai=Микола,
Volodymyr|Wolodymyr|Vladimir=Володимир, Oleksii|Oleksiy|Alexej=Олексій, Yurii|Yuriy|Juri=Юрій,
Ivan|Iwan=Іван, Vasyl|Wasyl=Василь, Maksym|Maxim|Maksim=Максим, Artem|Artjom=Артем,
Bohdan|Bogdan=Богдан, Taras=Тарас, Viktor|Wiktor=Віктор"""
_UKRAINE_FEMALE = """Olena|Elena|Jelena=Олена, Tetiana|Tetyana|Tatjana=Тетяна,
Nataliia|Natalia|Natalija=Наталія, Iryna|Irina=Ірина, Yuliia|Yulia|Julija=Юлія, Oksana=Оксана,
Svitlana|Swetlana|Svetlana=Світлана, Kateryna|Katerina|Jekaterina=Катерина,
Anastasiia|Anastasia|Anastasija=Анастасія, Mariia|Maria|Marija=Марія,
Liudmyla|Ljudmyla|Ludmila=Людмила,
Halyna|Galina|Halina=Галина, Viktoriia|Viktoria|Wiktorija=Вікторія, Olha|Olga|Olja=Ольга"""
_UKRAINE_FAMILY = """Melnyk|Melnik|Melnyk=Мельник, Shevchenko|Schewtschenko|Sevcenko=Шевченко,
Boiko|Boyko|Bojko=Бойко, Kovalenko|Kowalenko=Коваленко, Bondarenko=Бондаренко,
Tkachenko|Tkatschenko=Ткаченко, Kovalchuk|Kowaltschuk=Ковальчук, Kravchenko|Krawtschenko=Кравченко,
Oliinyk|Olijnyk|Oleynik=Олійник, Shevchuk|Schewtschuk=Шевчук, Polishchuk|Polischtschuk=Поліщук,
Bondar=Бондар, Tkachuk|Tkatschuk=Ткачук, Marchenko|Martschenko=Марченко, Lysenko|Lyssenko=Лисенко,
Rudenko=Руденко, Savchenko|Sawtschenko=Савченко, Petrenko=Петренко, Moroz=Мороз"""

COUNTRIES: tuple[Country, ...] = (
    Country(
        "SYR",
        0.28,
        0.30,
        _names(_ARAB_MALE),
        _names(_ARAB_FEMALE),
        _names(_SYRIA_FAMILY),
        _names(
            "Aleppo|Halab=حلب, Damascus|Damaskus=دمشق, Homs|Hims=حمص, Idlib|Idleb=إدلب, "
            "Deir ez-Zor|Deir Ezzor=دير الزور, Raqqa|Rakka=الرقة, Al-Hasakah|Hasaka=الحسكة, "
            "Qamishli|Kamishli=القامشلي, Daraa|Deraa=درعا"
        ),
    ),
    Country(
        "AFG",
        0.15,
        0.35,
        _names(_AFGHAN_MALE),
        _names(_AFGHAN_FEMALE),
        _names(_AFGHAN_FAMILY),
        _names(
            "Kabul=کابل, Herat=هرات, Mazar-i-Sharif|Mazar-e Sharif=مزار شریف, "
            "Kandahar|Kandehar=قندهار, Ghazni|Gasni=غزنی, Kunduz|Kundus=کندز, "
            "Jalalabad|Dschalalabad=جلال‌آباد"
        ),
    ),
    Country(
        "IRQ",
        0.10,
        0.30,
        _names(_ARAB_MALE),
        _names(_ARAB_FEMALE),
        _names(_IRAQ_FAMILY),
        _names(
            "Baghdad|Bagdad=بغداد, Mosul|Mossul=الموصل, Basra|Basrah=البصرة, Erbil|Arbil=أربيل, "
            "Sinjar|Shingal=سنجار, Kirkuk=كركوك, Duhok|Dohuk=دهوك"
        ),
    ),
    Country(
        "UKR",
        0.15,
        0.02,
        _names(_UKRAINE_MALE),
        _names(_UKRAINE_FEMALE),
        _names(_UKRAINE_FAMILY),
        _names(
            "Kyiv|Kiew|Kiev=Київ, Kharkiv|Charkiw=Харків, Odesa|Odessa=Одеса, Dnipro=Дніпро, "
            "Lviv|Lwiw=Львів, Zaporizhzhia|Saporischschja=Запоріжжя, Mariupol=Маріуполь"
        ),
    ),
    Country(
        "TUR",
        0.08,
        0.05,
        _names(_TURKEY_MALE),
        _names(_TURKEY_FEMALE),
        _names(_TURKEY_FAMILY),
        _names("Istanbul, Ankara, Diyarbakır|Diyarbakir, Gaziantep, Izmir|İzmir, Van, Mardin"),
    ),
    Country(
        "IRN",
        0.05,
        0.10,
        _names(_IRAN_MALE),
        _names(_IRAN_FEMALE),
        _names(_IRAN_FAMILY),
        _names(
            "Tehran|Teheran=تهران, Mashhad|Maschhad=مشهد, Isfahan|Esfahan=اصفهان, "
            "Shiraz|Schiras=شیراز, Tabriz|Täbris=تبریز"
        ),
    ),
    Country(
        "ERI",
        0.05,
        0.40,
        _names(_ERITREA_MALE),
        _names(_ERITREA_FEMALE),
        _names(_ERITREA_FAMILY),
        _names("Asmara|Asmera=ኣስመራ, Keren=ከረን, Massawa|Massaua=ምጽዋዕ, Mendefera=መንደፈራ"),
        family_is_fathers_name=True,
    ),
    Country(
        "SOM",
        0.04,
        0.40,
        _names(_SOMALI_MALE),
        _names(_SOMALI_FEMALE),
        _names(_SOMALI_FAMILY),
        _names(
            "Mogadishu|Mogadischu|Muqdisho, Hargeisa|Hargeysa, Kismayo|Kismaayo, Baidoa|Baydhabo"
        ),
    ),
    Country(
        "NGA",
        0.05,
        0.05,
        _names(_NIGERIA_MALE),
        _names(_NIGERIA_FEMALE),
        _names(_NIGERIA_FAMILY),
        _names("Lagos, Kano, Benin City, Abuja, Ibadan, Port Harcourt"),
    ),
    Country(
        "GEO",
        0.05,
        0.02,
        _names(_GEORGIA_MALE),
        _names(_GEORGIA_FEMALE),
        _names(_GEORGIA_FAMILY),
        _names("Tbilisi|Tiflis=თბილისი, Kutaisi=ქუთაისი, Batumi=ბათუმი, Rustavi|Rustawi=რუსთავი"),
    ),
)

# Places in Baden-Württemberg where refugees live: (postcode, town), and common street names.
TOWNS = (
    ("70173", "Stuttgart"),
    ("70372", "Stuttgart"),
    ("70469", "Stuttgart"),
    ("76131", "Karlsruhe"),
    ("76185", "Karlsruhe"),
    ("68159", "Mannheim"),
    ("68309", "Mannheim"),
    ("79098", "Freiburg"),
    ("79114", "Freiburg"),
    ("69115", "Heidelberg"),
    ("89073", "Ulm"),
    ("74072", "Heilbronn"),
    ("75172", "Pforzheim"),
    ("72764", "Reutlingen"),
    ("73728", "Esslingen"),
    ("71634", "Ludwigsburg"),
    ("72070", "Tübingen"),
    ("78462", "Konstanz"),
    ("72488", "Sigmaringen"),
    ("73479", "Ellwangen"),
    ("77652", "Offenburg"),
    ("88212", "Ravensburg"),
    ("78050", "Villingen-Schwenningen"),
    ("73033", "Göppingen"),
    ("71032", "Böblingen"),
    ("74523", "Schwäbisch Hall"),
)
STREETS = (
    "Hauptstraße",
    "Bahnhofstraße",
    "Schillerstraße",
    "Goethestraße",
    "Gartenstraße",
    "Lindenstraße",
    "Kirchstraße",
    "Friedrichstraße",
    "Mühlweg",
    "Am Sportplatz",
    "Uhlandstraße",
    "Wilhelmstraße",
    "Karlstraße",
    "Industriestraße",
    "Schulstraße",
    "Talstraße",
    "Bergstraße",
)
