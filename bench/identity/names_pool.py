"""Name pools of the synthetic generator, by origin, with the spellings offices use.

Two pools exist on purpose: "main" (used while building the engine) and
"heldout" (other origins, other spellings, other weights), so a score on the
held-out variant says whether the engine generalises or only fits the first.
Foreign names are stored in a canonical form; `variants` lists how different
offices write the same name (transliterations, with and without articles).
"""

ITALIAN_MALE = (
    "Marco Giuseppe Giovanni Antonio Mario Luigi Francesco Alessandro Andrea Luca Paolo Stefano Roberto "
    "Giorgio Matteo Davide Simone Federico Lorenzo Riccardo Claudio Massimo Fabio Enrico Carlo Pietro "
    "Alberto Daniele Salvatore Vincenzo Domenico Angelo Sergio Franco Bruno Emanuele Gabriele Michele "
    "Tommaso Nicola Raffaele Cristian Diego Filippo Jacopo Leonardo Edoardo Ivan Walter Gianluca"
).split()
ITALIAN_FEMALE = (
    "Maria Anna Giulia Francesca Chiara Sara Laura Elena Paola Silvia Valentina Alessandra Martina "
    "Giovanna Federica Roberta Cristina Barbara Simona Elisa Monica Daniela Rosa Teresa Angela Lucia "
    "Giuseppina Antonella Patrizia Caterina Veronica Ilaria Serena Alice Beatrice Aurora Sofia Emma "
    "Carla Graziella Luisa Marta Nadia Rita Raffaella Stefania Tiziana Vittoria Irene"
).split()
ITALIAN_SURNAMES = (
    "Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco Bruno Gallo Conti De_Luca "
    "Mancini Costa Giordano Rizzo Lombardi Moretti Barbieri Fontana Santoro Mariani Rinaldi Caruso "
    "Ferrara Galli Martini Leone Longo Gentile Martinelli Vitale Lombardo Serra Coppola De_Santis "
    "D'Angelo Marchetti Parisi Villa Conte Ferro Fabbri Bianco Marini Grasso Valentini Messina Sala "
    "De_Angelis Gatti Pellegrini Palumbo Sanna Farina Rizzi Monti Cattaneo Morelli Amato Silvestri "
    "Mauri Brambilla Casati Redaelli Fumagalli Crotta Perego Bonfanti Spreafico Rota Valsecchi Airoldi "
    "Pirovano Magni Panzeri Corti Sironi Colombo Locatelli Ghezzi Invernizzi Castelnuovo Dell'Oro "
    "Lo_Russo La_Rosa Di_Stefano Dell'Acqua Mazzoleni Ratti Tentori Bonacina Canali Beretta Gilardi"
).split()
NICKNAMES_IT = {
    "Giuseppe": ["Peppe", "Pino", "Beppe"],
    "Luigi": ["Gigi", "Gino"],
    "Antonio": ["Tonino", "Toni"],
    "Francesco": ["Franco", "Ciccio"],
    "Giovanni": ["Gianni", "Nanni"],
    "Alessandro": ["Sandro", "Ale"],
    "Massimo": ["Max"],
    "Domenico": ["Mimmo"],
    "Salvatore": ["Totò", "Turi"],
    "Vincenzo": ["Enzo"],
    "Raffaele": ["Lello"],
    "Giuseppina": ["Pina", "Giusy"],
    "Caterina": ["Tina"],
    "Maria": ["Mary"],
}

# Foreign origins: code -> given names (male, female), surnames, each a canonical
# form with its written variants. "|" separates variants; the first is canonical.
ORIGINS = {
    "MA": {
        "country": "Marocco",
        "adjective": "marocchina",
        "male": (
            "Mohamed|Mohammed|Muhammad|Mohamad|Mohammad Ahmed|Ahmad|Ahmet Youssef|Youssef|Yousef|Yusuf|Jousef "
            "Rachid|Rashid|Rachide Said|Saïd|Saeed|Sayed Hassan|Hasan|Hassane Khalid|Khaled|Halid Abdellah|Abdallah|Abdullah "
            "Mustapha|Mustafa|Moustafa Omar|Umar|Omer Karim|Kareem|Karime Nabil|Nabile Hamza|Hamzah Yassine|Yassin|Yacine "
            "Adil|Adel Redouane|Redwane|Ridouane Noureddine|Nour_Eddine|Nourdine"
        ).split(),
        "female": (
            "Fatima|Fatma|Fatimah|Fatema Khadija|Khadidja|Kadija|Khadeeja Aicha|Aisha|Aïcha|Ayesha Naima|Naïma|Naeema "
            "Samira|Sameera Latifa|Latefa Zineb|Zainab|Zeinab Malika|Maleeka Hanane|Hanan Laila|Leila|Layla "
            "Souad|Suad Saida|Saïda Najat|Nagat Asmaa|Asma Meryem|Maryam|Mariam"
        ).split(),
        "surnames": (
            "El_Amrani|Amrani|El-Amrani|Elamrani El_Idrissi|Idrissi|El-Idrissi Alaoui|Alaui|Alaoui Benali|Ben_Ali|Ben-Ali "
            "Bouzid|Bouzide|Bu_Zid Haddad|Hadad|Al-Haddad Bennani|Benani Tazi|Tazy Chakir|Shakir|Chaker Ziani|Zyani "
            "El_Fassi|Fassi|Elfassi Berrada|Berada Lahlou|Lahlu Ouazzani|Wazzani|Ouazani Naciri|Nasiri|Nassiri "
            "Benjelloun|Ben_Jelloun|Benjeloun Saidi|Saïdi|Saeedi Kabbaj|Kabaj"
        ).split(),
    },
    "RO": {
        "country": "Romania",
        "adjective": "rumena",
        "male": "Ion|Ioan Gheorghe|Gheorghe Vasile|Vasile Constantin|Costantin Nicolae|Nicolae Mihai|Mihai Andrei|Andrei Alexandru|Alexandru Stefan|Ştefan|Stefan Florin|Florin Marius|Marius Cristian|Cristian Adrian|Adrian Bogdan|Bogdan Radu|Radu".split(),
        "female": "Elena|Elena Ioana|Ioana Mariana|Mariana Gabriela|Gabriela Andreea|Andreea|Andreia Alina|Alina Cristina|Cristina Mihaela|Mihaela Daniela|Daniela Rodica|Rodica Florentina|Florentina".split(),
        "surnames": "Popescu|Popescu Ionescu|Ionescu Popa|Popa Pop|Pop Radu|Radu Dumitru|Dumitru Stan|Stan Stoica|Stoica Matei|Matei Ciobanu|Ciobanu Rusu|Rusu Munteanu|Munteanu Constantinescu|Costantinescu Dumitrescu|Dumitrescu Ţurcanu|Turcanu|Tzurcanu".split(),
    },
    "AL": {
        "country": "Albania",
        "adjective": "albanese",
        "male": "Arben|Arben Ermal|Ermal Gentian|Gentjan Ardit|Ardit Besnik|Besnik Fatmir|Fatmir Ilir|Ilir Lulzim|Lulzim Dritan|Dritan Klodian|Klodjan Erion|Erjon Alban|Alban".split(),
        "female": "Enkelejda|Enkeleida Elira|Elira Blerta|Blerta Arjola|Ariola Anila|Anila Mirela|Mirella Jonida|Jonida Valbona|Valbona".split(),
        "surnames": "Hoxha|Hoxha|Hoxa|Hodja Shehu|Shehu|Sheu Kola|Kola Doka|Doka Leka|Leka Gjoni|Gjoni|Gioni Balla|Bala Çela|Cela|Chela Dervishi|Dervisci|Dervishi Meta|Meta Krasniqi|Krasniqi|Krasnici".split(),
    },
    "UA": {
        "country": "Ucraina",
        "adjective": "ucraina",
        "cyrillic": True,
        "male": "Олександр Сергій Микола Михайло Володимир Андрій Дмитро Ігор Юрій Олег Павло Тарас Богдан Василь Іван Петро Віктор Роман Максим".split(),
        "female": "Олена Тетяна Наталія Оксана Ірина Світлана Людмила Галина Надія Ольга Юлія Анастасія Катерина Валентина".split(),
        "surnames": "Шевченко Коваленко Бондаренко Ткаченко Кравченко Олійник Шевчук Ковальчук Мельник Бойко Ковальов Поліщук Лисенко Марченко Савченко Руденко Мороз Петренко Гончаренко Кузьменко".split(),
    },
    "CN": {
        "country": "Cina",
        "adjective": "cinese",
        "chinese": True,
        "male": "Wei Jun Lei Qiang Ping Jian Ming Hua Xiaoming Jianguo Zhiwei Haitao Yong Bin Hao".split(),
        "female": "Fang Jing Min Hui Yan Ling Hong Xiaoyan Ying Li Na Xiulan Mei Lan Xia".split(),
        "surnames": "Wang|Wang Zhang|Chang Chen|Chen|Chan Liu|Liu|Lau Yang|Yang|Yeung Huang|Huang|Hwang Zhao|Chao Zhou|Chou|Chow Wu|Wu|Woo Xu|Hsu|Xu Sun|Sun Zhu|Chu Hu|Hu|Hoo Guo|Kuo Lin|Lin|Lam".split(),
    },
    "BD": {
        "country": "Bangladesh",
        "adjective": "bengalese",
        "male": "Mohammad|Mohammed|Md|Muhammad Abdul|Abdul Rahim|Rahim|Raheem Rafiqul|Rafiqul|Rafikul Shahidul|Shahidul Nazrul|Nazrul|Nazurul Mizanur|Mizanur Anisur|Anisur Habibur|Habibur Shahin|Shaheen|Sahin Rubel|Rubel Sohel|Sohel|Suhel".split(),
        "female": "Nasrin|Nasreen Shirin|Shireen Rumana|Rumana Sharmin|Sharmeen Taslima|Taslema Nazma|Nazma Fatema|Fatima|Fatma Rokeya|Rokeya|Rokaya".split(),
        "surnames": "Hossain|Hossen|Hussain|Hosen Rahman|Rahaman|Rehman Miah|Mia|Meah Uddin|Uddin|Uddeen Islam|Islam Akter|Aktar|Akhter Begum|Begom Khatun|Khatoon Chowdhury|Choudhury|Chowdhuri Sarkar|Sarker|Sircar Ahmed|Ahmad|Ahmmed".split(),
    },
    "SN": {
        "country": "Senegal",
        "adjective": "senegalese",
        "male": "Mamadou|Mamadu|Mamadou Moussa|Musa|Mousa Amadou|Ahmadou|Amadu Ousmane|Usman|Ousman Abdoulaye|Abdulaye|Abdoulay Cheikh|Sheikh|Cheick Modou|Modu Aliou|Aliu|Alioune Seydou|Seidu|Seydu".split(),
        "female": "Fatou|Fatu Awa|Awa Aminata|Aminatta Mariama|Mariyama Adama|Adama Coumba|Kumba|Coumba Rokhaya|Rokaya|Rokhaya Ndeye|Ndeye|Ndèye".split(),
        "surnames": "Diop|Diop|Dioup Ndiaye|N'Diaye|Ndiay|N'diaye Fall|Fall|Fal Sow|Sow|Sao Diallo|Jallow|Diallo|Djallo Ba|Ba|Bah Seck|Sek|Seck Gueye|Gaye|Gueye Faye|Faye|Fay Sarr|Sar|Sarr Cisse|Cissé|Sissé|Cissè".split(),
    },
    "NG": {
        "country": "Nigeria",
        "adjective": "nigeriana",
        "male": "Chinedu Chukwuemeka|Chukwuemeka|Chukuemeka Emeka Oluwaseun|Oluwaseun|Oluseun Tunde|Tunde Sunday Godwin Kingsley Ifeanyi|Ifeanyi|Ifeanye".split(),
        "female": "Blessing Precious Patience Joy Favour|Favor Gift Mercy Ngozi Chioma|Chiomma".split(),
        "surnames": "Okafor|Okafor|Okaforr Eze|Eze Okeke|Okeke Nwosu|Nwosu|Nuosu Adeyemi|Adeyemi|Adeiemi Okonkwo|Okonkwo Ogundipe|Ogundipe Obi|Obi Igwe|Igwe Uche|Uche".split(),
    },
    "PE": {
        "country": "Peru",
        "adjective": "peruviana",
        "spanish": True,
        "male": "José|Jose Juan Luis Carlos Jorge Pedro Miguel Jesús|Jesus Manuel Edwin Wilson Jhon|John".split(),
        "female": "Rosa Carmen Luz Gloria Yolanda Maricruz Guadalupe Lucía|Lucia Ana Johanna|Yohanna Yesenia|Jessenia".split(),
        "surnames": "García|Garcia López|Lopez Rodríguez|Rodriguez Gonzáles|Gonzalez|Gonzales Pérez|Perez Sánchez|Sanchez Ramírez|Ramirez Flores Torres Díaz|Diaz Vargas Rojas Mendoza Quispe|Quispe|Kispe Huamán|Huaman|Guaman".split(),
    },
}

# The held-out variant: other origins (and other spellings) the engine never saw
# while it was being built.
HELDOUT_ORIGINS = {
    "TN": {
        "country": "Tunisia",
        "adjective": "tunisina",
        "male": "Mohamed|Mohammed|Mehdi Sami|Samy Walid|Oualid|Waleed Hichem|Hicham|Hisham Nizar|Nizar Anis|Aniss Bilel|Bilal|Belal Chokri|Choukri|Shukri Slim|Selim Fethi|Fathi Tarek|Tarak|Tariq".split(),
        "female": "Amel|Amal Sonia|Sonya Imen|Imene|Iman Olfa|Olfa Rim|Reem Ines|Inès Wafa|Ouafa Hela|Hala Sana|Sanaa".split(),
        "surnames": "Ben_Salah|Bensalah|Ben-Salah Trabelsi|Trabelssi|Trabelsy Gharbi|Ghorbi|Garbi Hammami|Hamami Jebali|Jabali|Djebali Mejri|Majri Ayari|Aiari Dridi|Dridy Saidi|Sayedi Bouazizi|Bouazzizi|Bu_Azizi Chaabane|Chabane|Shaabane Ferchichi|Ferchiki".split(),
    },
    "LK": {
        "country": "Sri Lanka",
        "adjective": "srilankese",
        "male": "Nimal|Nimal Sunil|Suneel Kumara|Kumar Ruwan|Ruvan Chaminda|Chamindha Pradeep|Pradip Saman|Samane Tharindu|Tarindu Kasun|Kasun".split(),
        "female": "Chandani|Chandanee Dilani|Dilanee Nadeesha|Nadisha Sanduni|Sandunee Kumari|Kumaree Anoma|Anoma".split(),
        "surnames": "Perera|Pereira|Perera Fernando|Fernandu Silva|De_Silva|Da_Silva Jayasinghe|Jayasingha|Jayasinghe Wickramasinghe|Wickremasinghe|Vikramasinghe Bandara|Bandaara Rathnayake|Ratnayake|Rathnayaka Gunawardena|Gunawardana|Gunewardene".split(),
    },
    "GE": {
        "country": "Georgia",
        "adjective": "georgiana",
        "georgian": True,
        "male": "გიორგი დავით ლევან ნიკოლოზ ირაკლი ზურაბ თამაზ გოჩა".split(),
        "female": "ნინო მარიამ თამარ ეკატერინე ნათია ქეთევან მაია".split(),
        "surnames": "ბერიძე კაპანაძე გელაშვილი მაისურაძე გიორგაძე ლომიძე წიკლაური ბოლქვაძე".split(),
    },
    "ER": {
        "country": "Eritrea",
        "adjective": "eritrea",
        "male": "Tesfay|Tesfaye|Tesfai Yonas|Yonas|Jonas Dawit|Dawitt|Davit Mehari|Mehary Berhane|Berhana|Birhane Tekle|Teckle Haile|Hayle Ghebre|Gebre|Ghebrè".split(),
        "female": "Selam|Salam Helen|Hellen Senait|Sennait Luwam|Luam Mebrat|Mebrahtu Yordanos|Jordanos".split(),
        "surnames": "Tesfamariam|Tesfamaryam|Tesfa_Mariam Ghebremedhin|Gebremedhin|Ghebremeskel Kidane|Kidanè|Kiddane Habte|Habtè|Hapte Woldu|Weldu|Wolde Araya|Araia|Arraya Berhe|Birhe|Berhè".split(),
    },
    "EC": {
        "country": "Ecuador",
        "adjective": "ecuadoriana",
        "spanish": True,
        "male": "Byron|Bairon Darwin|Darwuin Stalin Wilmer|Vilmer Segundo Holger Klever|Cleber Ángel|Angel Fausto".split(),
        "female": "Mayra|Maira Jessica|Yesica Verónica|Veronica Mercedes Narcisa Blanca Mónica|Monica".split(),
        "surnames": "Chávez|Chavez Guamán|Guaman|Huaman Zambrano Cedeño|Cedeno Villacís|Villacis Paredes Cevallos|Ceballos Andrade Bravo Vera|Bera".split(),
    },
    "PK": {
        "country": "Pakistan",
        "adjective": "pakistana",
        "male": "Muhammad|Mohammad|Mohd Imran|Imraan Asif|Aasif Tariq|Tarik Bilal|Belal Usman|Osman|Othman Kashif|Kasheef Waqas|Vaqas".split(),
        "female": "Ayesha|Aisha Sana|Sanaa Rabia|Rabiya Nadia|Nadiya Saima|Sayma Hina|Heena".split(),
        "surnames": "Khan|Khaan Ahmed|Ahmad Ali|Aly Hussain|Husain|Hussein Butt|Bhatt Malik|Malick Qureshi|Kureshi|Qureishi Chaudhry|Chaudhary|Choudhry".split(),
    },
}

MAIN_WEIGHTS = {"IT": 0.55, "MA": 0.09, "RO": 0.08, "AL": 0.05, "UA": 0.05, "CN": 0.04, "BD": 0.05, "SN": 0.03, "NG": 0.03, "PE": 0.03}
HELDOUT_WEIGHTS = {
    "IT": 0.45, "MA": 0.04, "RO": 0.04, "TN": 0.08, "LK": 0.06, "GE": 0.04, "ER": 0.05, "EC": 0.06, "PK": 0.07,
    "UA": 0.04, "BD": 0.04, "CN": 0.03,
}

STREETS = (
    "Via Roma|Via Giuseppe Garibaldi|Via Alessandro Manzoni|Corso Martiri della Liberazione|Piazza Cermenati|"
    "Via Cavour|Viale Turati|Via Amendola|Via Belfiore|Via Ghislanzoni|Corso Matteotti|Via Fiumicella|"
    "Via dell'Isola|Via Mazzini|Piazza Garibaldi|Via Tonale|Via Previati|Via Don Pozzi|Via Risorgimento|"
    "Via San Nicolò|Viale Dante|Via Digione|Via Parini|Via Foscolo|Via XI Febbraio|Corso Bergamo|"
    "Via Pergola|Via Resegone|Via dei Mille|Via Aspromonte|Via Santo Stefano|Via Leonardo da Vinci|"
    "Piazza della Vittoria|Via Montegrappa|Via Caprera|Via Marco d'Oggiono|Via Baracca|Via Col di Lana"
).split("|")
MUNICIPALITIES = (
    "Lecco|Calolziocorte|Valmadrera|Merate|Casatenovo|Oggiono|Mandello del Lario|Galbiate|Olginate|"
    "Colico|Missaglia|Bellano|Malgrate|Robbiate|Osnago|Barzanò|Cernusco Lombardone|Abbadia Lariana"
).split("|")
ITALIAN_BIRTHPLACES = (
    "Lecco|Milano|Bergamo|Como|Napoli|Palermo|Bari|Roma|Catania|Reggio di Calabria|Foggia|Salerno|Torino|"
    "Brescia|Monza|Sondrio|Messina|Cosenza|Taranto|Lecce|Calolziocorte|Merate|Valmadrera"
).split("|")


# --- larger pools from Faker's locale data (names only, no generation at random) -------

def _faker(locale: str, attribute: str) -> list[str]:
    import importlib

    provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
    values = getattr(provider, attribute)
    return [str(value) for value in values]


def extend_pools() -> None:
    """Widen the pools: real districts have thousands of surnames, not a few dozen.

    Without this a few common full names ("Maria Rossi") would be shared by a
    hundred different people in 15,000, about a hundred times too many."""
    global ITALIAN_MALE, ITALIAN_FEMALE, ITALIAN_SURNAMES
    ITALIAN_MALE = ITALIAN_MALE + [n for n in _faker("it_IT", "first_names_male") if n not in ITALIAN_MALE]
    ITALIAN_FEMALE = ITALIAN_FEMALE + [n for n in _faker("it_IT", "first_names_female") if n not in ITALIAN_FEMALE]
    ITALIAN_SURNAMES = ITALIAN_SURNAMES + [
        n.replace(" ", "_") for n in _faker("it_IT", "last_names") if n not in ITALIAN_SURNAMES
    ]
    ORIGINS["UA"]["male"] = ORIGINS["UA"]["male"] + _faker("uk_UA", "first_names_male")
    ORIGINS["UA"]["female"] = ORIGINS["UA"]["female"] + _faker("uk_UA", "first_names_female")
    ORIGINS["UA"]["surnames"] = ORIGINS["UA"]["surnames"] + _faker("uk_UA", "last_names")
    ORIGINS["RO"]["male"] = ORIGINS["RO"]["male"] + _faker("ro_RO", "first_names_male")
    ORIGINS["RO"]["female"] = ORIGINS["RO"]["female"] + _faker("ro_RO", "first_names_female")
    ORIGINS["RO"]["surnames"] = ORIGINS["RO"]["surnames"] + _faker("ro_RO", "last_names")
    from anyascii import anyascii

    ORIGINS["CN"]["surnames"] = ORIGINS["CN"]["surnames"] + [
        anyascii(n) for n in _faker("zh_CN", "last_names") if len(n) == 1
    ]
    ORIGINS["CN"]["male"] = ORIGINS["CN"]["male"] + [anyascii(n) for n in _faker("zh_CN", "first_names_male")]
    ORIGINS["CN"]["female"] = ORIGINS["CN"]["female"] + [anyascii(n) for n in _faker("zh_CN", "first_names_female")]
    for code in ("PE",):
        ORIGINS[code]["male"] = ORIGINS[code]["male"] + _faker("es_ES", "first_names_male")
        ORIGINS[code]["female"] = ORIGINS[code]["female"] + _faker("es_ES", "first_names_female")
        ORIGINS[code]["surnames"] = ORIGINS[code]["surnames"] + _faker("es_ES", "last_names")
    HELDOUT_ORIGINS["EC"]["surnames"] = HELDOUT_ORIGINS["EC"]["surnames"] + _faker("es_MX", "last_names")
    HELDOUT_ORIGINS["EC"]["male"] = HELDOUT_ORIGINS["EC"]["male"] + _faker("es_MX", "first_names_male")
    HELDOUT_ORIGINS["EC"]["female"] = HELDOUT_ORIGINS["EC"]["female"] + _faker("es_MX", "first_names_female")
    HELDOUT_ORIGINS["GE"]["male"] = HELDOUT_ORIGINS["GE"]["male"] + _faker("ka_GE", "first_names_male")
    HELDOUT_ORIGINS["GE"]["female"] = HELDOUT_ORIGINS["GE"]["female"] + _faker("ka_GE", "first_names_female")
    HELDOUT_ORIGINS["GE"]["surnames"] = HELDOUT_ORIGINS["GE"]["surnames"] + _faker("ka_GE", "last_names")


extend_pools()


# More surnames where the first lists were short (zipf over a dozen names over-concentrates them).
ORIGINS["MA"]["surnames"] = ORIGINS["MA"]["surnames"] + "Cherkaoui|Sherkaoui Bennis|Benis Lamrani|Lamrany Filali|Filaly Sebti|Sebty Hajji|Hadji|Haji Bakkali|Bakali Rahmouni|Rahmuni Tahiri|Tahery Amrani|Emrani Mansouri|Mansuri Belhaj|Bel_Hadj Ouahbi|Wahbi Jabri|Djabri Kettani|Ketani Guessous|Gessous Skalli|Skali Zaki|Zaky Chraibi|Shraibi Bouazza|Buazza Moussaoui|Musaoui Rami|Ramy Bakri|Bakry Zerouali|Zeruali Benkirane|Ben_Kirane Ait_Ali|Aitali Oukili|Ukili".split()
ORIGINS["AL"]["surnames"] = ORIGINS["AL"]["surnames"] + "Hysa|Hyse Muca|Muça Rama|Rama Gashi|Gasci Berisha|Berisa Kuka|Kuka Lika|Lika Prifti|Prifty Vata|Vata Xhafa|Djafa Zeneli|Zenelli Brahimi|Brahimaj Marku|Marcu Nika|Nica Bajrami|Bajramaj Toska|Toskaj Duka|Duca Laçi|Laci Sula|Sulaj".split()
ORIGINS["SN"]["surnames"] = ORIGINS["SN"]["surnames"] + "Mbaye|M'Baye Thiam|Tiam Kane|Kan Sy|Si Niang|Niang Mbengue|M'Bengue Sall|Sal Diouf|Djouf Gaye|Guey Wade|Ouade Samb|Sambe Ndour|N'Dour Thiaw|Tiaw Mane|Mané Badji|Badgi Sane|Sané Diagne|Djagne Camara|Kamara".split()
ORIGINS["NG"]["surnames"] = ORIGINS["NG"]["surnames"] + "Okoro|Okoroh Nnamdi|Namdi Chukwu|Chuku Onyeka|Onyekah Adebayo|Adebajo Olawale|Olawalle Balogun|Balogoun Ibrahim|Ibraheem Musa|Mousa Abubakar|Aboubakar Bello|Belo Ogunleye|Ogunleyé Afolabi|Afolaby Nwachukwu|Nwachuku Ekwueme|Ekweme Onuoha|Onuoah Ajayi|Ajai".split()
ORIGINS["BD"]["surnames"] = ORIGINS["BD"]["surnames"] + "Sheikh|Shaikh|Sk Mondal|Mandal Sikder|Sikdar Khan|Khaan Talukder|Talukdar Bhuiyan|Bhuiya Mollah|Molla Howlader|Hawlader Majumder|Mazumder Biswas|Bishwas Prodhan|Pradhan Karim|Kareem Haque|Hoque|Huq Alam|Allam Kabir|Kabeer Sultana|Sultanah".split()
