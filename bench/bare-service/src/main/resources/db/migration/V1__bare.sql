create table bare_entity (
    uscc          varchar(18) primary key,
    name          text    not null,
    province_code char(6) not null
);
